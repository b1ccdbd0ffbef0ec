import pg from 'pg';
import { mapDatabaseError, ServiceUnavailableError } from '../errors.js';
import { traceStatement } from '../observability/tracing.js';
import { currentRequestScope, noteStatementRun } from '../request-scope.js';
import { parseLsn } from './lsn.js';
import { asError } from './statement-errors.js';

export interface ReplicaOptions {
  urls: string[];
  /** A replica further behind than this is not read from. */
  maxLagMs: number;
  /** How often each replica's replay position and lag are polled. */
  pollMs: number;
  poolMax: number;
  statementTimeoutMs: number;
}

/** What `/readyz` and `/metrics` say of one replica. */
export interface ReplicaState {
  name: string;
  healthy: boolean;
  /** Milliseconds behind the primary at the last poll; null while unreachable. */
  lagMs: number | null;
  replayLsn: string | null;
  error?: string;
}

interface Replica {
  name: string;
  pool: pg.Pool;
  up: boolean;
  lagMs: number | null;
  replay?: bigint;
  replayText: string | null;
  error?: string;
}

/** The host:port of a URL, never its password. */
function nameOf(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}`;
}

/**
 * The read replicas and what was last seen of each: polled every `pollMs` (replay position, lag
 * behind the primary); a replica that fails a poll or a statement is skipped until a poll finds it
 * back. `pick` only returns a replica known to have replayed at least the position asked for, so
 * a stale poll errs towards the primary, never towards a stale answer.
 */
export class ReplicaSet {
  private readonly replicas: Replica[];
  private next = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly options: ReplicaOptions,
    private readonly primaryLsn: () => Promise<string>,
  ) {
    this.replicas = options.urls.map((url) => {
      const pool = new pg.Pool({
        connectionString: url,
        max: options.poolMax,
        connectionTimeoutMillis: 2500,
        idleTimeoutMillis: 30000,
        statement_timeout: options.statementTimeoutMs,
        application_name: 'bookstore-api',
      });
      // An idle connection to a replica that stops emits 'error'; the next poll marks the replica down.
      pool.on('error', () => undefined);
      return { name: nameOf(url), pool, up: false, lagMs: null, replayText: null };
    });
  }

  /** Polls once now (so the first requests already know), then every `pollMs`. */
  async start(): Promise<void> {
    await this.poll();
    const loop = () => {
      this.timer = setTimeout(() => void this.poll().finally(loop), this.options.pollMs);
      this.timer.unref();
    };
    loop();
  }

  /**
   * The statement's rows from a replica, or undefined when it must run on the primary: not a query
   * request, none fresh enough for the position the client carries, or the replica's connection
   * failed (it is then marked down). Any other failure is the statement's own and is thrown.
   */
  async read<T>(config: pg.QueryConfig): Promise<T[] | undefined> {
    const scope = currentRequestScope();
    const picked = scope?.operationType === 'query' ? this.pick(scope.minLsn) : undefined;
    if (!picked) return undefined;
    const conn = await this.checkout(picked.pool);
    if (!conn) return undefined;
    let broken: unknown;
    try {
      if (picked.verify && !(await this.caughtUp(picked.pool, conn, scope!.minLsn!))) return undefined;
      noteStatementRun();
      return (await traceStatement(config.text, () => conn.query(config))).rows as T[];
    } catch (err) {
      // A statement timeout (57014) would only be slow again on the primary: not retried.
      if ((err as { code?: string })?.code === '57014' || !(mapDatabaseError(err) instanceof ServiceUnavailableError)) asError(err);
      this.markDown(picked.pool, (broken = err));
      return undefined;
    } finally {
      conn.release(broken as Error | undefined);
    }
  }

  /**
   * A healthy replica (round robin) for a read that must see `minLsn`, or undefined: read from the
   * primary. `verify` when the last poll saw it short of `minLsn`: the caller asks the replica
   * itself (`caughtUp`) before reading, since a write just made is usually replayed within a poll.
   */
  private pick(minLsn: bigint | undefined): { pool: pg.Pool; verify: boolean } | undefined {
    const healthy = this.replicas.filter((r) => r.up && r.replay !== undefined);
    if (!healthy.length) return undefined;
    const start = this.next++ % healthy.length;
    const ordered = [...healthy.slice(start), ...healthy.slice(0, start)];
    const ready = ordered.find((r) => minLsn === undefined || r.replay! >= minLsn);
    return ready ? { pool: ready.pool, verify: false } : { pool: ordered[0].pool, verify: true };
  }

  /**
   * A connection to `pool`'s replica, or undefined (the replica is then marked down). pg-pool
   * listens for 'error' only on idle clients: a checked-out client whose replica stops emits
   * 'error' with no listener, which would kill the process. This one is guarded until released.
   */
  async checkout(pool: pg.Pool): Promise<pg.PoolClient | undefined> {
    const conn = await pool.connect().catch((err: unknown) => this.markDown(pool, err));
    if (!conn) return undefined;
    let failed: Error | undefined;
    const guard = (err: Error) => this.markDown(pool, (failed = err));
    conn.on('error', guard);
    const release = conn.release.bind(conn);
    // A client that failed while out is destroyed on release, never handed to the next read.
    conn.release = (err?: Error | boolean) => {
      conn.removeListener('error', guard);
      release(err || failed);
    };
    return conn;
  }

  /** Whether the replica behind `conn` has replayed `minLsn` now (pg_last_wal_replay_lsn()). */
  private async caughtUp(pool: pg.Pool, conn: pg.PoolClient, minLsn: bigint): Promise<boolean> {
    const { rows } = await conn.query<{ lsn: string | null }>('SELECT pg_last_wal_replay_lsn()::text AS lsn');
    const replay = parseLsn(rows[0].lsn);
    const r = this.replicas.find((x) => x.pool === pool);
    if (r && replay !== undefined && (r.replay === undefined || replay > r.replay)) Object.assign(r, { replay, replayText: rows[0].lsn });
    return replay !== undefined && replay >= minLsn;
  }

  /** A statement on this pool failed for a connection-level reason: skip it until a poll finds it back. */
  private markDown(pool: pg.Pool, err: unknown): void {
    const r = this.replicas.find((x) => x.pool === pool);
    if (r) Object.assign(r, { up: false, lagMs: null, error: (err as Error)?.message ?? String(err) });
  }

  states(): ReplicaState[] {
    return this.replicas.map((r) => ({ name: r.name, healthy: r.up, lagMs: r.lagMs, replayLsn: r.replayText, ...(r.error ? { error: r.error } : {}) }));
  }

  private async poll(): Promise<void> {
    const primary = await this.primaryLsn().then(parseLsn, () => undefined);
    await Promise.all(this.replicas.map((r) => this.pollOne(r, primary)));
  }

  private async pollOne(r: Replica, primary: bigint | undefined): Promise<void> {
    try {
      const { rows } = await r.pool.query<{ standby: boolean; lsn: string | null; since: number | null }>(
        `SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS lsn,
          (extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::float8 AS since`,
      );
      const { standby, lsn, since } = rows[0];
      const replay = parseLsn(lsn);
      if (!standby || replay === undefined) throw new Error('not a streaming standby');
      // Caught up with what the primary had written just before: no lag, however long ago the last write was.
      const lagMs = primary !== undefined && replay >= primary ? 0 : Math.max(0, Math.round(since ?? 0));
      const fresh = lagMs <= this.options.maxLagMs;
      Object.assign(r, { up: fresh, lagMs, replay, replayText: lsn, error: fresh ? undefined : `lag ${lagMs} ms exceeds REPLICA_MAX_LAG_MS` });
    } catch (err) {
      this.markDown(r.pool, err);
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    await Promise.all(this.replicas.map((r) => r.pool.end().catch(() => undefined)));
  }
}
