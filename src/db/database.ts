import { MikroORM, type EntityManager, type Options } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Sql } from '../query/sql.js';
import { traceKnexQueries, traceStatement } from '../observability/tracing.js';
import { noteStatementRun } from '../request-scope.js';
import { ormOptions, type DbOptions } from './orm-options.js';
import { ReplicaSet, type ReplicaState } from './replicas.js';
import { asError, retire } from './statement-errors.js';

// Read queries get JS numbers for numeric/bigint (prices, counts) and Date for timestamps.
const readTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 1700 || oid === 701) return (v: string) => parseFloat(v);
    if (oid === 20) return (v: string) => parseInt(v, 10);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

// Distinct compiled statements kept prepared (per connection); more than this run unnamed.
const MAX_PREPARED = 500;

interface KnexClient {
  acquireConnection(): Promise<pg.Client>;
  releaseConnection(c: pg.Client): Promise<void>;
  pool?: { numUsed(): number; numFree(): number; numPendingAcquires(): number };
}

/** Where a statement must run: 'primary', or 'routed' (a replica when the request allows it). */
export type Target = 'primary' | 'routed';

/**
 * The ORM for writes plus a lean path for reads that runs compiled SQL on the same pool, or on a
 * read replica (DATABASE_REPLICA_URLS): only statements of a request whose operation is a query
 * are routed, so a mutation's writes and its own reads, sign-in, and work outside any request
 * (subscriptions, the token-user cache) stay on the primary by construction.
 */
export class Database {
  private readonly client: KnexClient;
  private readonly statementNames = new Map<string, string>();
  private replicas?: ReplicaSet;
  private prepared = true;

  constructor(readonly orm: MikroORM) {
    const knex = orm.em.getConnection().getKnex();
    this.client = knex.client as unknown as KnexClient;
    knex.on('query', noteStatementRun);
    traceKnexQueries(knex);
    // The ORM's transactions acquire through the same client, so both paths get real Errors.
    const acquire = this.client.acquireConnection.bind(this.client);
    this.client.acquireConnection = () => acquire().catch(asError);
  }

  static async connect(db: DbOptions, overrides: Partial<Options> = {}): Promise<Database> {
    const orm = await MikroORM.init({ ...ormOptions(db), ...overrides });
    const database = new Database(orm);
    // Behind a pooler in transaction mode a named statement may meet a server connection that never prepared it.
    database.prepared = db.preparedStatements ?? true;
    if (db.replicas?.urls.length) {
      database.replicas = new ReplicaSet({ ...db.replicas, poolMax: db.poolMax ?? 10, statementTimeoutMs: db.statementTimeoutMs ?? 5000 }, () =>
        database.commitLsn(),
      );
      await database.replicas.start();
    }
    return database;
  }

  /** True when reads may go to replicas (and mutations should answer with their commit position). */
  get replicated(): boolean {
    return this.replicas !== undefined;
  }

  /** The primary's WAL position now: after a commit, at least that commit's. Not counted as a request's statement. */
  async commitLsn(): Promise<string> {
    const conn = await this.client.acquireConnection();
    try {
      return (await conn.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn;
    } finally {
      await this.client.releaseConnection(conn);
    }
  }

  replicaStates(): ReplicaState[] {
    return this.replicas?.states() ?? [];
  }

  fork(): EntityManager {
    return this.orm.em.fork();
  }

  /** One statement; `target` 'primary' for a read that must see the latest write (e.g. a sign-in lock). */
  async query<T>(statement: Sql, target: Target = 'routed'): Promise<T[]> {
    const { text, values } = statement.compile();
    return this.run<T>({ name: this.nameOf(text), text, values, types: readTypes }, target);
  }

  /**
   * A statement's text depends only on its shape (values are bound; a page's LIMIT, at most 101, is
   * written: pagination.ts limitSql), so it is prepared once per connection under a name and then
   * only bound and executed: no parse per call, and no plan once PostgreSQL settles on the generic
   * plan (a write's CTE with its audit entry costs more to plan than to run; test/generic-plans.test.ts).
   */
  private nameOf(text: string): string | undefined {
    let name = this.statementNames.get(text);
    if (name === undefined && this.prepared && this.statementNames.size < MAX_PREPARED)
      this.statementNames.set(text, (name = `s${this.statementNames.size + 1}`));
    return name;
  }

  /** Runs a statement whose one row has the JSON text of a whole response in `data` (prepared, as query's). */
  async queryJson(statement: Sql): Promise<string> {
    const { text, values } = statement.compile();
    const [row] = await this.run<{ data: string }>({ name: this.nameOf(text), text, values }, 'routed');
    return row.data;
  }

  /**
   * Runs `fn` in one transaction on one pooled connection (BEGIN, its statements, COMMIT; ROLLBACK
   * when it throws). For writes of several set-based statements, e.g. an author with their books.
   */
  async transaction<T>(fn: (query: <R>(statement: Sql) => Promise<R[]>) => Promise<T>): Promise<T> {
    const conn = await this.client.acquireConnection();
    const run = async <R>(config: pg.QueryConfig): Promise<R[]> => {
      noteStatementRun();
      return (await traceStatement(config.text, () => conn.query(config)).catch((err: unknown) => retire(conn, err))).rows as R[];
    };
    try {
      await run({ text: 'BEGIN' });
      try {
        const result = await fn((statement) => run({ ...statement.compile(), types: readTypes }));
        await run({ text: 'COMMIT' });
        return result;
      } catch (err) {
        await run({ text: 'ROLLBACK' }).catch(() => undefined);
        throw err;
      }
    } finally {
      await this.client.releaseConnection(conn);
    }
  }

  /**
   * One statement on a pooled connection, counted for the request: on a replica when routing
   * allows; a replica that cannot be reached or drops the connection is marked down and the
   * statement runs once more on the primary (a statement that failed for any other reason fails).
   */
  private async run<T>(config: pg.QueryConfig, target: Target = 'primary'): Promise<T[]> {
    // Without replicas a read costs no extra await.
    const read = target === 'routed' && this.replicas ? await this.replicas.read<T>(config) : undefined;
    if (read) return read;
    const conn = await this.client.acquireConnection();
    try {
      noteStatementRun();
      return (await traceStatement(config.text, () => conn.query(config)).catch((err: unknown) => retire(conn, err))).rows as T[];
    } finally {
      await this.client.releaseConnection(conn);
    }
  }

  async ping(): Promise<void> {
    await this.orm.em.getConnection().execute('select 1');
  }

  poolState(): { used: number; free: number; pending: number } {
    const pool = this.client.pool;
    return { used: pool?.numUsed() ?? 0, free: pool?.numFree() ?? 0, pending: pool?.numPendingAcquires() ?? 0 };
  }

  async migrate(): Promise<string[]> {
    const applied = await this.orm.getMigrator().up();
    return applied.map((m) => m.name);
  }

  async close(): Promise<void> {
    await this.replicas?.close();
    await this.orm.close(true);
  }
}
