import { Writable } from 'node:stream';
import type { TestApp } from './helpers/app.js';
import { startBothPaths, type BothPaths } from './helpers/both-paths.js';

// A compiled statement that fails answers SERVICE_UNAVAILABLE itself, as the resolvers would, and
// never runs again through them. The failure: a statement timeout while `author` is locked.
let compiled: TestApp;
let loaders: TestApp;
const lines: Record<string, unknown>[] = [];
const TIMEOUT = { STATEMENT_TIMEOUT_MS: '1000', LOG_LEVEL: 'info' };

let both: BothPaths;
beforeAll(async () => {
  const logTo = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  both = await startBothPaths("INSERT INTO author (name, email) VALUES ('Ada', 'ada@example.com')", TIMEOUT, { logTo });
  ({ compiled, loaders } = both);
});
afterAll(() => both.close());

/** Runs `fn` while another session holds an exclusive lock on `author`, so every read of it times out. */
async function whileLocked<T>(fn: () => Promise<T>): Promise<T> {
  await compiled.pg.query('BEGIN');
  try {
    await compiled.pg.query('LOCK TABLE author IN ACCESS EXCLUSIVE MODE');
    return await fn();
  } finally {
    await compiled.pg.query('ROLLBACK');
  }
}

interface Body {
  data?: unknown;
  errors: { path: string[] }[];
}

const QUERY = '{\n  stores { totalCount }\n  authors { items { name } }\n}';

it('a timed-out compiled statement answers SERVICE_UNAVAILABLE once, as the resolvers do, and is counted and logged', async () => {
  const [fast, slow] = await whileLocked(async () => {
    const post = (app: TestApp) =>
      fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
    const fastRes = await post(compiled);
    const slowRes = await post(loaders);
    return [
      {
        status: fastRes.status,
        path: fastRes.headers.get('x-graphql-path'),
        statements: fastRes.headers.get('x-sql-statements'),
        body: (await fastRes.json()) as Body,
      },
      { status: slowRes.status, body: (await slowRes.json()) as Body },
    ];
  });
  // One error per compiled root field, where the resolvers' failure puts it; data null (non-null lists).
  expect(slow.body.errors.map((e) => e.path)).toContainEqual(['authors']);
  expect(fast).toEqual({
    status: slow.status,
    path: 'compiled',
    statements: '1',
    body: {
      errors: [
        { message: expect.any(String), locations: [{ line: 2, column: 3 }], path: ['stores'], extensions: { code: 'SERVICE_UNAVAILABLE' } },
        { message: expect.any(String), locations: [{ line: 3, column: 3 }], path: ['authors'], extensions: { code: 'SERVICE_UNAVAILABLE' } },
      ],
      data: null,
    },
  });
  expect(fast.body.errors[1]).toEqual(slow.body.errors.find((e) => e.path[0] === 'authors'));

  const request = lines.filter((l) => l.msg === 'request' && l.path === 'compiled').at(-1);
  expect(request).toMatchObject({ status: 200, statements: 1, path: 'compiled', errorCodes: ['SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE'] });
  const metrics = await (await fetch(`${compiled.url}/metrics`)).text();
  expect(metrics).toMatch(/graphql_errors_total\{code="SERVICE_UNAVAILABLE",operation_name="anonymous"\} 2/);

  // Once the lock is gone the same query is answered compiled again.
  const after = await compiled.gql(QUERY);
  expect([after.headers.get('x-graphql-path'), after.body]).toEqual([
    'compiled',
    { data: { stores: { totalCount: 0 }, authors: { items: [{ name: 'Ada' }] } } },
  ]);
});

it('a fallback is written in the request log line with its reason', async () => {
  // A mutation the compiled mutation path does not run (createStore) says so.
  await compiled.gql('mutation { createStore(input: { name: "S" }) { id } }');
  const request = lines.filter((l) => l.msg === 'request' && l.operationType === 'mutation').at(-1);
  expect(request).toMatchObject({ path: 'resolvers', fallback: 'unsupported-mutation', statements: expect.any(Number) });
});
