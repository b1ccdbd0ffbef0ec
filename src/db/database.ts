import { MikroORM, type EntityManager, type Options } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Sql } from '../query/sql.js';
import { mapDatabaseError, ServiceUnavailableError } from '../errors.js';
import { traceKnexQueries, traceStatement } from '../observability/tracing.js';
import { noteStatementRun } from '../request-scope.js';
import { ormOptions, type DbOptions } from './orm-options.js';

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

/**
 * Connection failures can reject with values that are not `instanceof Error` here (plain objects,
 * or Node's socket errors seen from another realm such as jest's); graphql-js would replace those
 * with "Unexpected error value" and hide their `code` from mapDatabaseError. Keep the code, make an Error.
 */
function asError(err: unknown): never {
  if (err instanceof Error) throw err;
  throw Object.assign(new Error('database connection failed'), err);
}

/**
 * A statement's rejection, handled like a failed acquisition: a connection reset or terminated
 * mid-statement (ECONNRESET, EPIPE, ...) is SERVICE_UNAVAILABLE as the one mapper (src/errors.ts)
 * names it, whatever realm or shape the driver's error has; anything else stays as it is (as an Error).
 */
function asStatementError(err: unknown): never {
  const mapped = mapDatabaseError(err);
  if (mapped instanceof ServiceUnavailableError) throw mapped;
  asError(err);
}

/**
 * A statement that failed for a connection-level reason (terminated backend, reset socket) leaves
 * its connection unusable, and the driver may not have said so yet when the connection goes back
 * to the pool: marked here the way knex marks a connection that emitted 'error', so the pool drops
 * it instead of handing it to the next request.
 */
function retire(conn: pg.Client, err: unknown): never {
  if (mapDatabaseError(err) instanceof ServiceUnavailableError) (conn as pg.Client & { __knex__disposed?: unknown }).__knex__disposed ??= err;
  asStatementError(err);
}

/** The ORM for writes plus a lean path for reads that runs compiled SQL on the same pool. */
export class Database {
  private readonly client: KnexClient;
  private readonly statementNames = new Map<string, string>();

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
    return new Database(orm);
  }

  fork(): EntityManager {
    return this.orm.em.fork();
  }

  async query<T>(statement: Sql): Promise<T[]> {
    const { text, values } = statement.compile();
    return this.run<T>({ text, values, types: readTypes });
  }

  /**
   * Runs a statement whose one row has the JSON text of a whole response in `data`. Its text
   * depends only on the shape of the query (values are bound), so it is prepared once per
   * connection under a name and then only bound and executed.
   */
  async queryJson(statement: Sql): Promise<string> {
    const { text, values } = statement.compile();
    let name = this.statementNames.get(text);
    if (name === undefined && this.statementNames.size < MAX_PREPARED) this.statementNames.set(text, (name = `json${this.statementNames.size + 1}`));
    const [row] = await this.run<{ data: string }>({ name, text, values });
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

  /** One statement on a pooled connection, counted for the request. */
  private async run<T>(config: pg.QueryConfig): Promise<T[]> {
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
    await this.orm.close(true);
  }
}
