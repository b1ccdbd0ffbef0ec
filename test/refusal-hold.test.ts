import { startTestApp, type TestApp } from './helpers/app.js';
import { loadQueryData } from './helpers/query-data.js';

// A TOO_MANY_REQUESTS refusal is held for the rest of the client's wait (REFUSAL_HOLD_MS, at most
// REFUSAL_HOLD_MAX at once; src/concurrency/tarpit.ts), so a client that sends again at once is
// paced by the server. Lower bounds only: a loaded machine can make a hold longer, never shorter.

const post = (app: TestApp, query: string) =>
  fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
const answer = async (res: Response) => [res.status, res.headers.get('retry-after'), await res.json()];
/** Whether `promise` is still pending once what is due now has run. */
const pending = async (promise: Promise<unknown>) => {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((r) => setImmediate(r));
  return !settled;
};
const contains = (n: number, text: string) => `[${Array.from({ length: n }, () => `{ title: { contains: "${text}" } }`).join(', ')}]`;
const CHEAP = '{ authors(limit: 1) { items { name } } }';

describe('a refusal of the cooldown is held; cheap requests are not; the hold is bounded and released at shutdown', () => {
  const cooling = (seconds: number) => ({
    errors: [
      {
        message: `Requests from this client were over the cost budget; big requests are refused for ${seconds} s`,
        extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: seconds },
      },
    ],
  });

  it('one held (for up to 10 minutes), the next answered at once (REFUSAL_HOLD_MAX 1), the same address’s cheap query answered; shutdown answers the held one', async () => {
    const app = await startTestApp({ REFUSAL_COOLDOWN_MS: '60000', REFUSAL_COOLDOWN_BODY_BYTES: '2000', REFUSAL_HOLD_MS: '600000', REFUSAL_HOLD_MAX: '1' });
    let closed = false;
    try {
      await loadQueryData(app);
      const big = (query: string) => post(app, `#${'x'.repeat(2000)}\n${query}`);
      const over = await big(`{ authors(limit: 10) { items { books(filter: { or: ${contains(10, 'abcdefghij')} }) { totalCount } } } }`);
      expect(over.status).toBe(400);
      // Two refusals at once: whichever the server sees first is held, the other is answered at once.
      const both = [big('{ books { totalCount } }'), big('{ books { totalCount } }')];
      await Promise.race(both);
      const still = await Promise.all(both.map(pending));
      expect([...still].sort()).toEqual([false, true]);
      const [answered, heldOne] = still[0] ? [both[1], both[0]] : [both[0], both[1]];
      expect(await answer(await answered)).toEqual([429, '60', cooling(60)]);
      // Not refused, not held: the same address's cheap query is answered while a refusal is held.
      expect(await answer(await post(app, CHEAP))).toEqual([200, null, { data: { authors: { items: [{ name: 'Alice Walker' }] } } }]);
      expect(await pending(heldOne)).toBe(true);
      // Shutdown answers it now (a drain waiting for it would end by closing its socket: fetch would fail).
      const closing = app.close().then(() => (closed = true));
      expect(await answer(await heldOne)).toEqual([429, '60', cooling(60)]);
      await closing;
    } finally {
      if (!closed) await app.close();
    }
  });
});

describe('a body over 1 MB (413) starts the cooldown too', () => {
  it('after a 413, the same client’s big requests are TOO_MANY_REQUESTS unread; its small ones run', async () => {
    const app = await startTestApp({ REFUSAL_COOLDOWN_MS: '60000', REFUSAL_COOLDOWN_BODY_BYTES: '2000', REFUSAL_HOLD_MS: '1' });
    try {
      await loadQueryData(app);
      const tooBig = await post(app, `#${'x'.repeat(1024 * 1024)}\n${CHEAP}`);
      expect(await answer(tooBig)).toEqual([
        413,
        null,
        { errors: [{ message: 'Request body is larger than 1 MB', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] },
      ]);
      expect((await answer(await post(app, `#${'x'.repeat(2000)}\n${CHEAP}`))).slice(0, 2)).toEqual([429, '60']);
      expect(await answer(await post(app, CHEAP))).toEqual([200, null, { data: { authors: { items: [{ name: 'Alice Walker' }] } } }]);
    } finally {
      await app.close();
    }
  });
});

describe('a refusal of the expensive lane is held for the rest of its retryAfterSeconds', () => {
  it('an expensive request refused while the lane is full answers 429 no sooner than 1 s after it was sent; the running one is answered', async () => {
    // Every book query with a `contains` is expensive; one runs at a time and none waits (EXPENSIVE_WAIT_MS 0).
    const app = await startTestApp({ EXPENSIVE_COST: '200', EXPENSIVE_CONCURRENCY: '1', EXPENSIVE_PER_CLIENT: '1', EXPENSIVE_WAIT_MS: '0' });
    try {
      await loadQueryData(app);
      const expensive = `{ books(filter: { title: { contains: "Color" } }) { items { title } } }`;
      // The running request waits for this lock inside PostgreSQL, keeping its place in the lane.
      await app.pg.query('BEGIN; LOCK TABLE book IN ACCESS EXCLUSIVE MODE');
      const running = post(app, expensive);
      while ((await app.pg.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).rowCount === 0)
        await new Promise((r) => setTimeout(r, 20));
      const sent = performance.now();
      const refused = await post(app, expensive);
      const waited = performance.now() - sent;
      const body = await refused.json();
      expect([refused.status, refused.headers.get('retry-after'), body]).toEqual([
        429,
        '1',
        {
          errors: [
            expect.objectContaining({
              message: 'Too many expensive requests are running; try again shortly',
              extensions: expect.objectContaining({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 1 }),
            }),
          ],
        },
      ]);
      expect(waited).toBeGreaterThanOrEqual(990); // REFUSAL_HOLD_MS's default (1000) caps the 1 s; a timer may fire a ms early
      // Not held: the same address's cheap query (its table is not locked).
      expect(await answer(await post(app, CHEAP))).toEqual([200, null, { data: { authors: { items: [{ name: 'Alice Walker' }] } } }]);
      await app.pg.query('COMMIT');
      expect(await answer(await running)).toEqual([200, null, { data: { books: { items: [{ title: 'The Color Purple' }] } } }]);
    } finally {
      await app.pg.query('ROLLBACK').catch(() => undefined);
      await app.close();
    }
  });
});
