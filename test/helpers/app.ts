import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DestinationStream } from 'pino';
import { createApp, type App } from '../../src/app.js';
import { bootstrapAdmin } from '../../src/auth/bootstrap-admin.js';
import { TokenService } from '../../src/auth/tokens.js';
import { Role as UserRole } from '../../src/entities/User.js';
import { parseConfig, type Config } from '../../src/config.js';
import { Database } from '../../src/db/database.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createTestDatabase } from './database.js';
import { readPath } from './read-path.js';

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: string[]; extensions: Record<string, unknown> }[] };
}

export type Role = 'ADMIN' | 'EDITOR';

export interface TestApp {
  url: string;
  config: Config;
  db: Database;
  /** A plain pg client on the test database, for arranging and checking rows directly. */
  pg: Client;
  /** The admin made from ADMIN_EMAIL / ADMIN_PASSWORD at start, and a token for it. */
  admin: { email: string; password: string; token: string };
  /**
   * POSTs a GraphQL request. It is sent as the admin by default, so fixtures can write;
   * pass `ANONYMOUS` (or your own `authorization`) as headers to send something else.
   */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResult<T>>;
  /** Creates a user with this role (as the admin) and signs in as it: `{ authorization: 'Bearer ...' }`. */
  as(role: Role): Promise<Record<string, string>>;
  /** Every row of every table, to prove that a failed request wrote nothing. */
  snapshot(): Promise<Record<string, unknown[]>>;
  close(): Promise<void>;
}

/** Headers for a request with no Authorization header at all. */
export const ANONYMOUS: Record<string, string> = { authorization: '' };

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

const TABLES = ['author', 'book', 'store', 'inventory', 'app_user', 'audit_entry'];

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export interface TestAppOptions {
  /** Where the pino log lines go (set LOG_LEVEL in env too); none by default. */
  logTo?: DestinationStream;
  /** A ready logger instead (wins over logTo). */
  logger?: Logger;
  /** A database to use instead of a fresh migrated one (pass ADMIN_EMAIL: '' when it cannot be reached). */
  database?: TestDatabase;
  /** Apply the migrations to `database` before anything else. */
  migrate?: boolean;
  /** false: every query goes through Apollo and the DataLoaders (see CompiledQueries); by default, the file's read path (read-path.ts). */
  compiledQueries?: boolean;
}

/** A real server on a real, freshly migrated PostgreSQL database, listening on a free port. */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config = parseConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: 'admin@example.com',
    ADMIN_PASSWORD: 'admin-password-1',
    // Off: one client (127.0.0.1) sends every test's requests, big ones right after refused ones (test/admission.test.ts tests it).
    REFUSAL_COOLDOWN_MS: '0',
    ...env,
  });
  const logger = options.logger ?? createLogger(config.logLevel, config.production, options.logTo);
  const db = await Database.connect(
    { url: database.url, poolMax: config.poolMax, statementTimeoutMs: config.statementTimeoutMs, acquireTimeoutMs: config.acquireTimeoutMs },
    { connect: false },
  );
  if (options.migrate) await db.migrate();
  if (config.admin) await bootstrapAdmin(config, db, logger);
  const app: App = await createApp(config, db, logger, { compiledQueries: options.compiledQueries ?? readPath() === 'compiled' });
  const url = await app.listen(0, '127.0.0.1');
  const pg = new Client({ connectionString: database.url });
  await pg.connect().catch(() => undefined);

  const post = async <T>(query: string, variables: Record<string, unknown> | undefined, headers: Record<string, string>): Promise<GqlResult<T>> => {
    const sent = Object.fromEntries(Object.entries({ 'content-type': 'application/json', ...headers }).filter(([, v]) => v !== ''));
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers: sent, body: JSON.stringify({ query, variables }) });
    return { status: res.status, headers: res.headers, body: (await res.json()) as GqlResult<T>['body'] };
  };
  const signIn = async (email: string, password: string): Promise<string> => {
    const res = await post<{ login: { token: string } }>(
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
      { e: email, p: password },
      {},
    );
    if (!res.body.data) throw new Error(`login failed: ${JSON.stringify(res.body.errors)}`);
    return res.body.data.login.token;
  };

  // Without ADMIN_EMAIL (a database that cannot be reached) the default token is signed here, for a user that is not stored.
  const offline = () => new TokenService(config.jwtSecret!, config.jwtTtl).sign({ id: 1, email: 'offline-admin@example.com', role: UserRole.ADMIN });
  const admin = config.admin
    ? { ...config.admin, token: await signIn(config.admin.email, config.admin.password) }
    : { email: '', password: '', token: await offline() };
  const asAdmin = admin.token ? bearer(admin.token) : {};
  let users = 0;

  return {
    url,
    config,
    db,
    pg,
    admin,
    gql: (query, variables, headers = {}) => post(query, variables, { ...asAdmin, ...headers }),
    async as(role) {
      const email = `${role.toLowerCase()}-${++users}@example.com`;
      const password = `${role.toLowerCase()}-password-${users}`;
      const res = await post('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { email, password, role } }, asAdmin);
      if (res.body.errors) throw new Error(`createUser failed: ${JSON.stringify(res.body.errors)}`);
      return bearer(await signIn(email, password));
    },
    async snapshot() {
      const out: Record<string, unknown[]> = {};
      for (const table of TABLES) out[table] = (await pg.query(`SELECT * FROM "${table}" ORDER BY 1, 2`)).rows;
      return out;
    },
    async close() {
      await app.close();
      await db.close();
      await pg.end().catch(() => undefined);
      await database.drop();
    },
  };
}

/**
 * The file's test app: started in beforeAll, closed in afterAll. The object it returns stands for
 * the running app (use it inside tests and hooks, not at the top level of the file).
 */
export function useTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): TestApp {
  let running: TestApp | undefined;
  beforeAll(async () => {
    running = await startTestApp(env, options);
  });
  afterAll(() => running?.close());
  return new Proxy({} as TestApp, {
    get(_, key) {
      if (!running) throw new Error(`the test app is used before beforeAll started it (reading ${String(key)})`);
      const value: unknown = Reflect.get(running, key);
      return typeof value === 'function' ? value.bind(running) : value;
    },
  });
}
