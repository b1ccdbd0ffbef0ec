import { Slots, type SlotLimits } from '../../src/concurrency/slots.js';

const limits = (over: Partial<SlotLimits> = {}): SlotLimits => ({ total: 2, perKey: 1, queue: 10, queuePerKey: 2, ...over });
const slots = (over: Partial<SlotLimits> = {}) => new Slots(limits(over), () => new Error('full'));
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('Slots', () => {
  it('takes places up to perKey and total; a freed place goes to a waiter that fits', async () => {
    const s = slots();
    const order: string[] = [];
    const a = await s.acquire('a');
    const b = await s.acquire('b');
    const a2 = s.acquire('a').then((r) => (order.push('a2'), r));
    const c = s.acquire('c').then((r) => (order.push('c'), r));
    await tick();
    expect(order).toEqual([]);
    b(); // frees one of the two places: c fits (a is still at its per-key limit), a2 does not
    await tick();
    expect(order).toEqual(['c']);
    a();
    a(); // releasing twice frees one place only
    await tick();
    expect(order).toEqual(['c', 'a2']);
    (await a2)();
    (await c)();
  });

  it('the key that started least recently goes first, whatever the order of waiting', async () => {
    const s = slots({ total: 1, perKey: 1, queuePerKey: 5 });
    const order: string[] = [];
    const held = await s.acquire('flood');
    const waits = ['flood', 'flood', 'other'].map((key, i) => s.acquire(key).then((r) => (order.push(`${key}${i}`), r())));
    held();
    await Promise.all(waits);
    expect(order).toEqual(['other2', 'flood0', 'flood1']);
  });

  it('refuses at once when the waiting room is full, overall or for the key', async () => {
    const s = slots({ total: 1, queue: 2, queuePerKey: 1 });
    const held = await s.acquire('a');
    const waiting = s.acquire('a');
    await expect(s.acquire('a')).rejects.toThrow('full');
    const other = s.acquire('b');
    await expect(s.acquire('c')).rejects.toThrow('full');
    held(); // b goes first: it has not started yet, a has
    (await other)();
    (await waiting)();
  });

  it('a waiter is refused after waitMs and leaves the waiting room', async () => {
    const s = slots({ total: 1, queuePerKey: 1, waitMs: 20 });
    const held = await s.acquire('a');
    await expect(s.acquire('a')).rejects.toThrow('full');
    const next = s.acquire('a'); // the room has a place again
    held();
    (await next)();
  });

  it('run releases its place when the work fails', async () => {
    const s = slots({ total: 1 });
    await expect(s.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(s.run('a', async () => 42)).resolves.toBe(42);
  });
});
