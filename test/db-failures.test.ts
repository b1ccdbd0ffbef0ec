import { createServer, connect, type Socket } from 'node:net';
import { Client } from 'pg';
import pino from 'pino';
import { Database } from '../src/db/database.js';
import { startTestApp, type GqlResult, type TestApp } from './helpers/app.js';
import { databaseChecksum } from './helpers/checksum.js';
import { steadyLoad } from './helpers/load.js';

// Failures of one connection or one statement: the request fails cleanly, nothing is left
// half-written, and the pool goes on serving. (The whole database going away is in
// test/resilience/outage.test.ts.)
let app: TestApp;
let locker: Client;
let authorId: string;

const CREATE_BOOK = 'mutation($i: CreateBookInput!) { createBook(input: $i) { id } }';
const ADJUST = 'mutation($s: ID!, $b: ID!, $d: Int!) { adjustStock(storeId: $s, bookId: $b, delta: $d) { quantity } }';
const codeOf = (res: GqlResult) => (res.body.errors ? String(res.body.errors[0].extensions.code) : 'OK');

/** The pid of the API's backend that waits for a lock, once there is one. */
async function waitingBackend(): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await app.pg.query(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'bookstore-api' AND wait_event_type = 'Lock'",
    );
    if (rows.length) return rows[0].pid as number;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no API backend ever waited for the lock');
}

async function mustCreateBook(title: string): Promise<string> {
  const res = await app.gql<{ createBook: { id: string } }>(CREATE_BOOK, { i: { title, authorId } });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.createBook.id;
}

beforeAll(async () => {
  app = await startTestApp({ STATEMENT_TIMEOUT_MS: '400' });
  locker = new Client({ connectionString: app.config.databaseUrl });
  await locker.connect();
  authorId = (await app.gql<{ createAuthor: { id: string } }>('mutation { createAuthor(input: { name: "Locked", email: "locked@example.com" }) { id } }')).body
    .data!.createAuthor.id;
});
afterAll(async () => {
  await locker.end();
  await app.close();
});

describe('a connection killed mid-transaction', () => {
  it('rolls the transaction back fully, answers SERVICE_UNAVAILABLE, and the pool serves the next request', async () => {
    const before = await databaseChecksum(app.pg);
    // The book row is inserted, then its foreign-key check waits for our lock on the author.
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM author WHERE id = $1 FOR UPDATE', [authorId]);
    const pending = app.gql(CREATE_BOOK, { i: { title: 'Half Written', authorId } });
    const pid = await waitingBackend();
    await app.pg.query('SELECT pg_terminate_backend($1)', [pid]);
    const res = await pending;
    await locker.query('ROLLBACK');
    expect(res.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'SERVICE_UNAVAILABLE' }]);
    expect(await databaseChecksum(app.pg)).toBe(before);
    for (let i = 0; i < 12; i++) await mustCreateBook(`After Kill ${i}`); // more than the pool holds
  });
});

describe('backends killed again and again under load', () => {
  it('every request either succeeds or answers SERVICE_UNAVAILABLE, and every acknowledged write is there', async () => {
    const load = steadyLoad(app, 8, 5);
    const until = Date.now() + 4000;
    while (Date.now() < until) {
      await app.pg.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'bookstore-api' AND datname = current_database()");
      await new Promise((r) => setTimeout(r, 30 + Math.random() * 40));
    }
    await load.stop();
    const unexpected = load.samples.filter((s) => s.code !== 'OK' && s.code !== 'SERVICE_UNAVAILABLE');
    expect(unexpected).toEqual([]);
    expect(load.samples.filter((s) => s.code === 'SERVICE_UNAVAILABLE').length).toBeGreaterThan(0);
    const { rows } = await app.pg.query<{ email: string }>('SELECT email FROM author');
    const present = new Set(rows.map((r) => r.email));
    expect(load.samples.filter((s) => s.kind === 'write' && s.code === 'OK' && !present.has(s.email!))).toEqual([]);
  });
});

describe('a statement over statement_timeout', () => {
  it('a write waiting on a row lock fails with SERVICE_UNAVAILABLE after the timeout, writes nothing, and the pool recovers', async () => {
    const book = await mustCreateBook('Slow Stock');
    const store = (await app.gql<{ createStore: { id: string } }>('mutation { createStore(input: { name: "Timeouts" }) { id } }')).body.data!.createStore.id;
    await app.gql('mutation($s: ID!, $b: ID!) { setStock(storeId: $s, bookId: $b, quantity: 5) { quantity } }', { s: store, b: book });
    const before = await databaseChecksum(app.pg);
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM inventory WHERE book_id = $1 FOR UPDATE', [book]);
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 3 }, () => app.gql(ADJUST, { s: store, b: book, d: -1 })));
    const took = Date.now() - started;
    await locker.query('ROLLBACK');
    expect(results.map(codeOf)).toEqual(['SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE']);
    expect(took).toBeGreaterThanOrEqual(400);
    expect(took).toBeLessThan(2000);
    expect(await databaseChecksum(app.pg)).toBe(before);
    const after = await Promise.all(Array.from({ length: 15 }, () => app.gql(ADJUST, { s: store, b: book, d: -1 })));
    expect(after.map(codeOf).sort()).toEqual([...Array(5).fill('OK'), ...Array(10).fill('CONFLICT')].sort());
  });

  it('a read blocked behind a table lock fails with SERVICE_UNAVAILABLE and the next read succeeds', async () => {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE book IN ACCESS EXCLUSIVE MODE');
    const started = Date.now();
    const res = await app.gql('{ books { totalCount items { title } } }');
    const took = Date.now() - started;
    await locker.query('ROLLBACK');
    expect(res.body).toEqual({ data: null, errors: [expect.objectContaining({ extensions: { code: 'SERVICE_UNAVAILABLE' } })] });
    expect(took).toBeLessThan(2000);
    expect(JSON.stringify(res.body)).not.toMatch(/statement timeout|canceling/i);
    const again = await app.gql<{ books: { totalCount: number } }>('{ books { totalCount } }');
    expect(again.body.data?.books.totalCount).toBeGreaterThan(0);
  });
});

describe('a connection reset in the middle of a statement (ECONNRESET)', () => {
  it('answers SERVICE_UNAVAILABLE, never INTERNAL_SERVER_ERROR, and the next request is served', async () => {
    // A TCP proxy between a second app and PostgreSQL, whose app-side sockets we reset at will.
    const target = new URL(app.config.databaseUrl!);
    const sockets = new Set<Socket>();
    const proxy = createServer((client) => {
      const server = connect(Number(target.port), target.hostname);
      sockets.add(client);
      client.on('close', () => {
        sockets.delete(client);
        server.destroy();
      });
      client.on('error', () => server.destroy());
      server.on('error', () => client.destroy());
      client.pipe(server).pipe(client);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxied = new URL(target);
    proxied.port = String((proxy.address() as { port: number }).port);
    // One pooled connection: the one the statement runs on, so the reset hits nothing else of the pool.
    const viaProxy = await startTestApp({ DB_POOL_MAX: '1' }, { database: { url: proxied.toString(), drop: async () => undefined } });
    viaProxy.pg.on('error', () => undefined); // the helper's own client goes through the proxy too, and is reset with it
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE book IN ACCESS EXCLUSIVE MODE');
      // Apollo's path (not the compiled one, which would hand a failure back to Apollo to run again).
      const pending = viaProxy.gql('{ books { totalCount } }', {}, { accept: 'application/graphql-response+json' });
      await waitingBackend();
      for (const socket of sockets) socket.resetAndDestroy();
      const res = await pending;
      await locker.query('ROLLBACK');
      expect(res.body).toEqual({
        data: null,
        errors: [expect.objectContaining({ message: 'The database is unavailable; try again later', extensions: { code: 'SERVICE_UNAVAILABLE' } })],
      });
      const again = await viaProxy.gql('{ books { totalCount } }', {}, { accept: 'application/graphql-response+json' });
      expect(again.body).toEqual({ data: { books: { totalCount: expect.any(Number) } } });
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await viaProxy.close();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});

describe('a database that cannot be reached', () => {
  it('a mutation with a token answers SERVICE_UNAVAILABLE (HTTP 503: the token cannot be checked) within 3 s, not INTERNAL_SERVER_ERROR', async () => {
    const unreachable = await startTestApp(
      { ADMIN_EMAIL: '' },
      { database: { url: 'postgres://nobody:nothing@127.0.0.1:1/none', drop: async () => undefined } },
    );
    try {
      const started = Date.now();
      const res = await unreachable.gql('mutation { createAuthor(input: { name: "Nobody", email: "nobody@example.com" }) { id } }');
      expect(Date.now() - started).toBeLessThan(3000);
      expect([res.status, res.body]).toEqual([
        503,
        { errors: [{ message: 'The database is unavailable; try again later', extensions: { code: 'SERVICE_UNAVAILABLE' } }] },
      ]);
      const anonymous = await unreachable.gql(
        'mutation { createAuthor(input: { name: "Nobody", email: "nobody@example.com" }) { id } }',
        {},
        { authorization: '' },
      );
      expect(anonymous.body).toEqual({ data: null, errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })] });
    } finally {
      await unreachable.close();
    }
  });
});

describe('driver warnings', () => {
  it('a pooled connection lost outside a request is logged as a JSON line through pino, not console.log', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
    const db = await Database.connect({ url: app.config.databaseUrl!, logger }, { connect: false });
    const consoleLog = jest.spyOn(console, 'log');
    try {
      await db.ping();
      const { rows } = await app.pg.query(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'bookstore-api' AND state = 'idle'",
      );
      await app.pg.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [rows.map((r) => r.pid)]);
      await new Promise((r) => setTimeout(r, 200));
      await db.ping(); // the pool finds its connection dead, says so, and opens another
      expect(lines.map((l) => JSON.parse(l) as { msg: string; driver?: string })).toContainEqual(
        expect.objectContaining({ msg: 'database driver warning', driver: expect.stringMatching(/^Connection Error/) }),
      );
      expect(consoleLog).not.toHaveBeenCalled();
    } finally {
      consoleLog.mockRestore();
      await db.close();
    }
  });
});
