import { Tarpit } from '../../src/concurrency/tarpit.js';
import { ExpensiveLane } from '../../src/graphql/expensive-lane.js';

/** Whether `promise` has settled once the timers and I/O due now have run (no timing assumed). */
const settledNow = async (promise: Promise<unknown>) => {
  let settled = false;
  void promise.then(() => (settled = true));
  await new Promise((r) => setImmediate(r));
  return settled;
};

describe('Tarpit', () => {
  it('holds for the wait asked, at most capMs', async () => {
    const tarpit = new Tarpit(30, 10);
    const started = Date.now();
    await expect(tarpit.hold(10_000)).resolves.toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25); // the cap, not the 10 s asked (a timer may fire a ms early)
    expect(tarpit.size).toBe(0);
  });

  it('does not hold a wait already over, nor with capMs 0', async () => {
    await expect(new Tarpit(1000, 10).hold(0)).resolves.toBe(false);
    await expect(new Tarpit(1000, 10).hold(-5)).resolves.toBe(false);
    await expect(new Tarpit(0, 10).hold(1000)).resolves.toBe(false);
  });

  it('holds at most `max` at once; beyond that answers at once', async () => {
    const tarpit = new Tarpit(60_000, 2);
    const held = [tarpit.hold(60_000), tarpit.hold(60_000)];
    expect(tarpit.size).toBe(2);
    await expect(tarpit.hold(60_000)).resolves.toBe(false);
    expect(await settledNow(held[0])).toBe(false);
    tarpit.release();
    await expect(Promise.all(held)).resolves.toEqual([true, true]);
  });

  it('release (shutdown) answers every held refusal now and holds none after', async () => {
    const tarpit = new Tarpit(60_000, 10);
    const held = tarpit.hold(60_000);
    expect(await settledNow(held)).toBe(false);
    tarpit.release();
    await expect(held).resolves.toBe(true);
    expect(tarpit.size).toBe(0);
    await expect(tarpit.hold(60_000)).resolves.toBe(false);
  });
});

describe('ExpensiveLane with a tarpit', () => {
  const admission = { expensiveCost: 100, concurrency: 1, perClient: 1, waitMs: 10_000, cooldownMs: 0, cooldownBodyBytes: 0 };
  const refusal = { extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 1 } };

  it('holds a refusal (up to the cap) before throwing it; the same request entering again is refused at once', async () => {
    const tarpit = new Tarpit(60_000, 10);
    const lane = new ExpensiveLane(admission, tarpit);
    const running = await lane.enter('a');
    const queued = lane.enter('a'); // the client's one waiting place
    const request = {};
    const refused = lane.enter('a', request).catch((err: unknown) => err);
    expect(await settledNow(refused)).toBe(false);
    expect(tarpit.size).toBe(1);
    tarpit.release();
    expect(await refused).toMatchObject(refusal);
    // Apollo's pass over a request the compiled path saw refused: answered at once, not held twice.
    await expect(lane.enter('a', request)).rejects.toMatchObject(refusal);
    running();
    (await queued)();
  });

  it('a lane without a tarpit refuses at once', async () => {
    const lane = new ExpensiveLane(admission);
    const running = await lane.enter('a');
    const queued = lane.enter('a');
    await expect(lane.enter('a')).rejects.toMatchObject(refusal);
    running();
    (await queued)();
  });
});
