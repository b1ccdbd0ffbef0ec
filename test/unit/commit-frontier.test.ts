import { CommitFrontier } from '../../src/subscriptions/commit-frontier.js';

const rows = (...ids: number[]) => ids.map((id) => ({ id }));
const ids = (r: { id: number }[]) => r.map((x) => x.id);

describe('CommitFrontier: audit entries in id order, each once', () => {
  it('hands on consecutive entries and moves past them', () => {
    const f = new CommitFrontier<{ id: number }>(10);
    expect(ids(f.take(rows(11, 12, 13), { xmin: 100n, xmax: 105n }))).toEqual([11, 12, 13]);
    expect(f.lastId).toBe(13);
  });

  it('waits at a gap while a transaction that could hold the missing id runs, then hands on what filled it in order', () => {
    const f = new CommitFrontier<{ id: number }>(10);
    // 12 is visible, 11 is not: its writer may still be running (xid 100 was running).
    expect(ids(f.take(rows(12, 13), { xmin: 100n, xmax: 105n }))).toEqual([]);
    // Still running (xmin below the first sighting's xmax): wait.
    expect(ids(f.take(rows(12, 13), { xmin: 104n, xmax: 110n }))).toEqual([]);
    // 11 committed: all three, in id order.
    expect(ids(f.take(rows(11, 12, 13), { xmin: 104n, xmax: 110n }))).toEqual([11, 12, 13]);
  });

  it('skips a gap once every transaction running at its first sighting has ended (a rollback)', () => {
    const f = new CommitFrontier<{ id: number }>(10);
    expect(ids(f.take(rows(12), { xmin: 100n, xmax: 105n }))).toEqual([]);
    expect(ids(f.take(rows(12, 14), { xmin: 105n, xmax: 109n }))).toEqual([12]);
    // A later gap (13) is judged on its own first sighting.
    expect(ids(f.take(rows(14), { xmin: 106n, xmax: 109n }))).toEqual([]);
    expect(ids(f.take(rows(14), { xmin: 109n, xmax: 109n }))).toEqual([14]);
    expect(f.lastId).toBe(14);
  });

  it('skips a gap at once when no transaction is running', () => {
    const f = new CommitFrontier<{ id: number }>(0);
    expect(ids(f.take(rows(2, 3), { xmin: 50n, xmax: 50n }))).toEqual([2, 3]);
  });

  it('hands on everything visible when final (shutting down)', () => {
    const f = new CommitFrontier<{ id: number }>(10);
    expect(ids(f.take(rows(12, 15), { xmin: 100n, xmax: 105n }, true))).toEqual([12, 15]);
  });
});
