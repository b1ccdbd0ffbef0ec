/**
 * Which audit entries may be handed on, in id order, each once. Ids come from one sequence, so a
 * writer that waited on a row lock draws its id after the writer it waited for committed: id order
 * is commit order for any one row. A poll sees the committed entries past the frontier; a missing
 * id before a visible one is either in flight (hand on nothing past it yet) or rolled back (skip
 * it). It is rolled back once every transaction that was running when the gap was first seen has
 * ended: the writer drew the id after its transaction had an xid (every write writes its row before
 * its audit entry) and before the visible entry committed, so before that snapshot, so its xid is
 * below that snapshot's xmax.
 */
export interface Snapshot {
  /** Oldest transaction still running (pg_snapshot_xmin), as a bigint. */
  xmin: bigint;
  /** First transaction not yet started (pg_snapshot_xmax). */
  xmax: bigint;
}

export class CommitFrontier<T extends { id: number }> {
  private gap?: { id: number; xmax: bigint };

  constructor(public lastId: number) {}

  /**
   * The entries of `rows` (the committed ones past `lastId`, in id order, as `snapshot` saw them)
   * that can be handed on now; `final` (shutting down) hands on everything visible.
   */
  take(rows: readonly T[], snapshot: Snapshot, final = false): T[] {
    const out: T[] = [];
    for (const row of rows) {
      const expected = this.lastId + 1;
      if (row.id > expected && !final && !this.rolledBack(expected, snapshot)) break;
      out.push(row);
      this.lastId = row.id;
    }
    return out;
  }

  private rolledBack(id: number, snapshot: Snapshot): boolean {
    if (this.gap?.id !== id) this.gap = { id, xmax: snapshot.xmax };
    return snapshot.xmin >= this.gap.xmax;
  }
}
