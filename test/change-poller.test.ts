import pg from 'pg';
import { createLogger } from '../src/logger.js';
import type { ChangeEvent } from '../src/subscriptions/change-event.js';
import { ChangePoller } from '../src/subscriptions/poller.js';
import { createTestDatabase } from './helpers/database.js';

// The poller on a real database: with nobody subscribed it reads ids only, and an entry taken by
// such a poll while someone subscribed meanwhile is read again in full, not lost.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let client: pg.Client;
beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await database.drop();
});

const append = (entityId: string) =>
  client.query(`INSERT INTO audit_entry (action, entity, entity_id, changes) VALUES ('setStock', 'Inventory', $1, '{"quantity":{"from":null,"to":1}}')`, [
    entityId,
  ]);

async function pollerWith(listening: () => boolean, intervalMs = 20) {
  const published: ChangeEvent[] = [];
  const poller = new ChangePoller({
    url: database.url,
    logger: createLogger('silent', true),
    intervalMs,
    wants: () => true,
    listening,
    publish: (events) => published.push(...events),
  });
  await poller.start();
  return { published, stop: () => poller.stop() };
}

const shape = (events: ChangeEvent[]) => events.map(({ action, entity, entityId, changes }) => ({ action, entity, entityId, changes }));

it('hands nothing on while nobody listens, then everything committed after someone does', async () => {
  let listening = false;
  const p = await pollerWith(() => listening);
  try {
    await append('1:1');
    await new Promise((r) => setTimeout(r, 150));
    expect(p.published).toEqual([]);
    listening = true;
    await append('2:2');
    for (let waited = 0; p.published.length === 0 && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(shape(p.published)).toEqual([{ action: 'setStock', entity: 'Inventory', entityId: '2:2', changes: { quantity: { from: null, to: 1 } } }]);
  } finally {
    await p.stop();
  }
});

it('reads in full an entry an ids-only poll took while someone subscribed', async () => {
  // No timed polls: the first (start) and the last (stop) only. Nobody listens when the last poll
  // is sent; someone does when its answer comes back.
  let calls = 0;
  const p = await pollerWith(() => ++calls >= 3, 3_600_000);
  await append('3:3');
  await p.stop();
  expect(calls).toBe(3);
  expect(shape(p.published)).toEqual([{ action: 'setStock', entity: 'Inventory', entityId: '3:3', changes: { quantity: { from: null, to: 1 } } }]);
  expect(typeof p.published[0].id).toBe('number');
  expect(p.published[0].at).toBeInstanceOf(Date);
});
