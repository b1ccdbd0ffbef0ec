import { ANONYMOUS, startTestApp, type TestApp } from './helpers/app.js';
import { loadQueryData } from './helpers/query-data.js';

// Limits and admission (README): query text cap, variable depth, filter caps, the cost budget.
// Each case runs on both paths: the compiled statement (default) and Apollo with its resolvers.
let compiled: TestApp;
let loaders: TestApp;

beforeAll(async () => {
  [compiled, loaders] = await Promise.all([startTestApp(), startTestApp({}, { compiledQueries: false })]);
  await Promise.all([loadQueryData(compiled), loadQueryData(loaders)]);
});
afterAll(() => Promise.all([compiled?.close(), loaders?.close()]));

const paths = () =>
  [
    ['compiled', () => compiled],
    ['apollo', () => loaders],
  ] as const;
const post = (app: TestApp, body: unknown, accept = 'application/json') =>
  fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) });
const tooComplex = (rule: string, limit: number, found: number) => ({
  errors: [{ message: `Query ${rule} of ${found} exceeds the limit of ${limit}`, extensions: { code: 'QUERY_TOO_COMPLEX', rule, limit, found } }],
});
const badInput = (path: string, message: string) => ({
  errors: [expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', fields: [{ path, message }] } })],
});
const contains = (n: number, text: string) => `[${Array.from({ length: n }, () => `{ title: { contains: "${text}" } }`).join(', ')}]`;

describe.each(paths())('query text cap, %s path', (_name, get) => {
  const padded = (bytes: number) => {
    const query = '{ books(limit: 1) { items { id } } }';
    return `#${'x'.repeat(bytes - query.length - 2)}\n${query}`;
  };

  it('64 KB of text runs; one byte more is QUERY_TOO_COMPLEX (400) before parsing, whatever the accept header', async () => {
    const app = get();
    const ok = await post(app, { query: padded(64 * 1024) });
    expect([ok.status, await ok.json()]).toEqual([200, { data: { books: { items: [{ id: '1' }] } } }]);
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const res = await post(app, { query: padded(64 * 1024 + 1) }, accept);
      expect([res.status, res.headers.get('content-type'), await res.json()]).toEqual([
        400,
        expect.stringContaining(accept),
        tooComplex('bytes', 65536, 65537),
      ]);
    }
  });

  it('multi-byte text counts in UTF-8 bytes', async () => {
    const res = await post(get(), { query: `#${'é'.repeat(33000)}\n{ books { totalCount } }` });
    expect([res.status, await res.json()]).toEqual([400, tooComplex('bytes', 65536, 66026)]);
  });
});

describe.each(paths())('input shape before GraphQL, %s path', (_name, get) => {
  it('a 90,000-level `not` filter in variables is BAD_USER_INPUT with its path, not a stack overflow', async () => {
    // Written by hand: JSON.stringify itself overflows on it.
    const body = `{"query":"query($f: BookFilter) { books(filter: $f) { totalCount } }","variables":{"f":${'{"not":'.repeat(90000)}{}${'}'.repeat(90000)}}}`;
    const res = await fetch(`${get().url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect([res.status, await res.json()]).toEqual([400, badInput(`variables.f${'.not'.repeat(63)}`, 'nests deeper than 64 levels')]);
  });

  it('variables 64 levels deep still reach the filter (which has its own limit of 16 levels)', async () => {
    const filter = (levels: number): unknown => (levels === 0 ? { id: { eq: '1' } } : { not: filter(levels - 1) });
    const res = await get().gql('query($f: BookFilter) { books(filter: $f) { totalCount } }', { f: filter(2) });
    expect(res.body).toEqual({ data: { books: { totalCount: 1 } } });
  });
});

describe.each(paths())('filter caps and the cost budget, %s path', (_name, get) => {
  it('an `or` of 50 runs; of 51 is BAD_USER_INPUT naming the list', async () => {
    // Comparisons: 50 text terms (200 each at least) would be over the cost budget.
    const ids = `[${Array.from({ length: 50 }, (_, i) => `{ id: { eq: "${i + 1}" } }`).join(', ')}]`;
    const ok = await get().gql(`{ books(filter: { or: ${ids} }) { totalCount } }`, undefined, ANONYMOUS);
    expect(ok.body).toEqual({ data: { books: { totalCount: 8 } } });
    const refused = await get().gql(`{ books(filter: { and: [{ id: { ne: "9" } }, { or: ${contains(51, 'the')} }] }) { totalCount } }`, undefined, ANONYMOUS);
    expect([refused.status, refused.body]).toEqual([400, badInput('filter.and.1.or', 'may hold at most 50 filters')]);
  });

  it('a filter string of 500 characters runs; of 501 is BAD_USER_INPUT naming the operator', async () => {
    const ok = await get().gql('query($t: String) { books(filter: { title: { contains: $t } }) { totalCount } }', { t: 'x'.repeat(500) }, ANONYMOUS);
    expect(ok.body).toEqual({ data: { books: { totalCount: 0 } } });
    const refused = await get().gql('query($t: String) { books(filter: { title: { contains: $t } }) { totalCount } }', { t: 'x'.repeat(501) }, ANONYMOUS);
    expect([refused.status, refused.body]).toEqual([400, badInput('filter.title.contains', 'may be at most 500 characters long')]);
    const inList = await get().gql(`{ authors(filter: { email: { in: ["a", "${'y'.repeat(501)}"] } }) { totalCount } }`, undefined, ANONYMOUS);
    expect([inList.status, inList.body]).toEqual([400, badInput('filter.email.in.1', 'may be at most 500 characters long')]);
  });

  it('over the budget is QUERY_TOO_COMPLEX with its figures, and nothing runs', async () => {
    // 1 author page + 10 book pages x (1 + 10 x (200 + 2 x 10 characters)) = 22,011.
    const query = `{ authors(limit: 10) { items { books(filter: { or: ${contains(10, 'abcdefghij')} }) { totalCount } } } }`;
    const refused = await get().gql(query, undefined, ANONYMOUS);
    expect([refused.status, refused.headers.get('x-sql-statements'), refused.body]).toEqual([400, '0', tooComplex('cost', 5000, 22011)]);
    // The same filter once (1 + 10 x 220 = 2,201) runs.
    const ok = await get().gql(`{ books(filter: { or: ${contains(10, 'abcdefghij')} }) { totalCount } }`, undefined, ANONYMOUS);
    expect(ok.body).toEqual({ data: { books: { totalCount: 0 } } });
  });

  it('relation filters, ordering and nested pages count; @skip-ped fields do not', async () => {
    // authors: page 1 + orderBy 1 + relation (10 + 2 x (200 + 2 x 5 characters)) = 432; books under 100 authors: 100 x 1.
    const query = `query($s: Boolean!) { authors(limit: 100, orderBy: [{ name: ASC }], filter: { books: { some: { title: { contains: "Color" } } } }) {
      items { name books @skip(if: $s) { totalCount } } } }`;
    const small = await startTestApp({ GRAPHQL_MAX_COST: '531' }, { compiledQueries: _name === 'compiled' });
    try {
      await loadQueryData(small);
      expect((await small.gql(query, { s: true }, ANONYMOUS)).body).toEqual({ data: { authors: { items: [{ name: 'Alice Walker' }] } } });
      expect((await small.gql(query, { s: false }, ANONYMOUS)).body).toEqual(tooComplex('cost', 531, 532));
    } finally {
      await small.close();
    }
  });
});

describe('refusal cooldown (on by default; the test helpers turn it off)', () => {
  it('after a refusal over budget, the same client’s big requests are TOO_MANY_REQUESTS unread for a while; its small ones run', async () => {
    const app = await startTestApp({ REFUSAL_COOLDOWN_MS: '60000', REFUSAL_COOLDOWN_BODY_BYTES: '2000' });
    try {
      await loadQueryData(app);
      const big = (query: string) => post(app, { query: `#${'x'.repeat(2000)}\n${query}` });
      const over = await big(`{ authors(limit: 10) { items { books(filter: { or: ${contains(10, 'abcdefghij')} }) { totalCount } } } }`);
      expect([over.status, await over.json()]).toEqual([400, tooComplex('cost', 5000, 22011)]);
      const cooled = await big('{ books { totalCount } }');
      expect([cooled.status, cooled.headers.get('retry-after'), await cooled.json()]).toEqual([
        429,
        '60',
        {
          errors: [
            {
              message: 'Requests from this client were over the cost budget; big requests are refused for 60 s',
              extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 60 },
            },
          ],
        },
      ]);
      expect((await app.gql('{ books { totalCount } }', undefined, ANONYMOUS)).body).toEqual({ data: { books: { totalCount: 8 } } });
    } finally {
      await app.close();
    }
  });
});
