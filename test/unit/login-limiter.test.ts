import { HashBudget } from '../../src/auth/hash-budget.js';
import { LoginLimiter, MemoryLockoutStore, signInSubject } from '../../src/auth/login-limiter.js';

describe('LoginLimiter', () => {
  let now = 0;
  const limiter = (store = new MemoryLockoutStore(10_000, () => now)) => new LoginLimiter(3, 10, store, () => now);
  const a = signInSubject(null, 'a@example.com');

  beforeEach(() => {
    now = 1_000_000;
  });

  it('locks after 3 failures, doubles with each further failure, and forgets on success', async () => {
    const l = limiter();
    await l.fail(signInSubject(null, 'A@example.com'), '1.2.3.4');
    await l.fail(signInSubject(null, 'a@example.com '), '1.2.3.4');
    expect(await l.retryAfter(a, '1.2.3.4')).toBe(0);
    await l.fail(a, '1.2.3.4');
    expect(await l.retryAfter(a, '1.2.3.4')).toBe(10);
    expect(await l.retryAfter(a, '5.6.7.8')).toBe(0);
    expect(await l.retryAfter(signInSubject(null, 'b@example.com'), '1.2.3.4')).toBe(0);
    now += 10_000;
    expect(await l.retryAfter(a, '1.2.3.4')).toBe(0);
    await l.fail(a, '1.2.3.4');
    expect(await l.retryAfter(a, '1.2.3.4')).toBe(20);
    await l.succeed(a, '1.2.3.4');
    expect(await l.retryAfter(a, '1.2.3.4')).toBe(0);
  });

  it('never locks for more than 15 minutes', async () => {
    const l = limiter();
    for (let i = 0; i < 30; i++) await l.fail(a, 'ip');
    expect(await l.retryAfter(a, 'ip')).toBe(900);
  });

  it('a user PostgreSQL matched is one key however the email was spelled', () => {
    expect(signInSubject(7, 'admİn@example.com')).toBe(signInSubject(7, 'ADMIN@example.com'));
    expect(signInSubject(null, 'ＡＤＭＩＮ@example.com')).toBe(signInSubject(null, 'admin@example.com'));
  });

  it('keeps at most maxKeys counters of a fixed size, however long the emails', async () => {
    const store = new MemoryLockoutStore(100, () => now);
    const l = limiter(store);
    for (let i = 0; i < 1000; i++) await l.fail(signInSubject(null, `${'x'.repeat(10_000)}${i}@example.com`), '1.2.3.4');
    expect(store.size).toBe(100);
  });
});

describe('HashBudget', () => {
  const tick = () => new Promise((r) => setImmediate(r));

  it('runs at most 1 per address and 2 overall, serves addresses round-robin, and refuses beyond the waiting room', async () => {
    const budget = new HashBudget({ hashesInFlight: 2, hashesPerIp: 1, hashQueue: 10, hashQueuePerIp: 3 });
    const started: string[] = [];
    const finish: (() => void)[] = [];
    const job = (name: string, ip: string) =>
      budget.run(
        ip,
        () =>
          new Promise<string>((resolve) => {
            started.push(name);
            finish.push(() => resolve(name));
          }),
      );
    const jobs = [job('a1', 'A'), job('a2', 'A'), job('a3', 'A'), job('a4', 'A'), job('b1', 'B'), job('c1', 'C')];
    await expect(job('a5', 'A')).rejects.toMatchObject({ extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 1 } });
    await tick();
    expect(started).toEqual(['a1', 'b1']);
    finish.shift()!(); // a1 ends: C has waited without being served, A was just served
    await tick();
    expect(started).toEqual(['a1', 'b1', 'c1']);
    while (finish.length) {
      finish.shift()!();
      await tick();
    }
    await expect(Promise.all(jobs)).resolves.toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'c1']);
    expect(started).toEqual(['a1', 'b1', 'c1', 'a2', 'a3', 'a4']);
  });
});
