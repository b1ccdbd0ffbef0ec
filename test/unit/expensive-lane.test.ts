import { ExpensiveLane } from '../../src/graphql/expensive-lane.js';

const lane = (waitMs = 50) => new ExpensiveLane({ expensiveCost: 100, concurrency: 2, perClient: 1, waitMs, cooldownMs: 0, cooldownBodyBytes: 0 });
const refusal = { extensions: { code: 'TOO_MANY_REQUESTS', concurrency: 2, perClient: 1, retryAfterSeconds: 1, http: { status: 429 } } };

describe('ExpensiveLane', () => {
  it('expensive means a cost of at least expensiveCost', () => {
    expect([lane().isExpensive(99), lane().isExpensive(100)]).toEqual([false, true]);
  });

  it('one per client, two overall; a waiter gets the place a finished request frees', async () => {
    const l = lane(10000);
    const a = await l.enter('a');
    const b = await l.enter('b');
    let cAdmitted = false;
    const c = l.enter('c').then((release) => ((cAdmitted = true), release));
    await new Promise((r) => setTimeout(r, 20));
    expect(cAdmitted).toBe(false);
    a();
    a(); // releasing twice frees one place only
    (await c)();
    b();
    expect(cAdmitted).toBe(true);
  });

  it('waits at most waitMs, then TOO_MANY_REQUESTS; a client queues no more than it may run', async () => {
    const l = lane(30);
    const held = await l.enter('a');
    const waiting = l.enter('a');
    await expect(l.enter('a')).rejects.toMatchObject(refusal);
    await expect(waiting).rejects.toMatchObject(refusal);
    held();
    (await l.enter('a'))();
  });

  it('a request refused once (compiled path) is refused again at once (Apollo path)', async () => {
    const l = lane(20);
    const held = await l.enter('a');
    const request = {};
    await expect(l.enter('a', request)).rejects.toMatchObject(refusal);
    held();
    await expect(l.enter('a', request)).rejects.toMatchObject(refusal);
  });
});

describe('ExpensiveLane, one request', () => {
  it("a request that holds a place enters again at once (a mixed query's resolver half)", async () => {
    const l = lane(20);
    const request = {};
    const outer = await l.enter('a', request);
    const inner = await l.enter('a', request);
    inner();
    await expect(l.enter('a')).rejects.toMatchObject(refusal); // the outer place is still held
    outer();
    (await l.enter('a'))();
  });
});
