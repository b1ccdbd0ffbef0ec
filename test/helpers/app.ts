import { Client } from 'pg';
import { createApp, type App } from '../../src/app.js';
import { parseConfig, type Config } from '../../src/config.js';
import { Database } from '../../src/db/database.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createTestDatabase } from './database.js';

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: string[]; extensions: Record<string, unknown> }[] };
}

export interface TestApp {
  url: string;
  config: Config;
  db: Database;
  /** A plain pg client on the test database, for arranging and checking rows directly. */
  pg: Client;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResult<T>>;
  /** Every row of every table, to prove that a failed request wrote nothing. */
  snapshot(): Promise<Record<string, unknown[]>>;
  close(): Promise<void>;
}

const TABLES = ['author', 'book', 'store', 'inventory', 'app_user', 'audit_entry'];

/** A real server on a real, freshly migrated PostgreSQL database, listening on a free port. */
export async function startTestApp(env: Record<string, string> = {}, options: { logger?: Logger } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url, ...env });
  const db = await Database.connect({ url: database.url, poolMax: 10, statementTimeoutMs: config.statementTimeoutMs });
  const app: App = await createApp(config, db, options.logger ?? createLogger(config.logLevel, config.production));
  const url = await app.listen(0, '127.0.0.1');
  const pg = new Client({ connectionString: database.url });
  await pg.connect();

  return {
    url,
    config,
    db,
    pg,
    async gql(query, variables, headers = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as GqlResult['body'] } as never;
    },
    async snapshot() {
      const out: Record<string, unknown[]> = {};
      for (const table of TABLES) out[table] = (await pg.query(`SELECT * FROM "${table}" ORDER BY 1, 2`)).rows;
      return out;
    },
    async close() {
      await app.close();
      await db.close();
      await pg.end();
      await database.drop();
    },
  };
}
