import { ANONYMOUS, startTestApp, type TestApp } from './helpers/app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  await app.gql('mutation { createAuthor(input: { name: "Ann", email: "ann@example.com" }) { id } }');
});
afterAll(() => app.close());

/** A query `depth` fields deep: book -> author -> books -> items -> author ..., ending on a scalar. */
function deepQuery(depth: number): string {
  const cycle = ['author', 'books(limit: 1)', 'items'];
  const leafOf: Record<string, string> = { author: 'name', 'books(limit: 1)': 'totalCount', items: 'title' };
  const path = ['book(id: "1")'];
  while (path.length < depth - 1) path.push(cycle[(path.length - 1) % 3]);
  const last = path[path.length - 1];
  const leaf = last.startsWith('book(') ? 'title' : leafOf[last];
  return `{ ${path.join(' { ')} { ${leaf} ${' }'.repeat(path.length)} }`;
}

const tooComplex = (rule: string, limit: number, found: number) => ({
  data: undefined,
  errors: [{ message: `Query ${rule} of ${found} exceeds the limit of ${limit}`, extensions: { code: 'QUERY_TOO_COMPLEX', rule, limit, found } }],
});

const body = (res: { body: { data?: unknown; errors?: unknown } }) => ({ data: res.body.data, errors: res.body.errors });

describe('query limits (QUERY_TOO_COMPLEX, HTTP 400, nothing runs)', () => {
  it('depth: 10 is allowed, 11 is refused', async () => {
    const ok = await app.gql(deepQuery(10));
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data).toEqual({ book: null });
    const refused = await app.gql(deepQuery(11));
    expect(refused.status).toBe(400);
    expect(body(refused)).toEqual(tooComplex('depth', 10, 11));
  });

  it('aliases: 30 are allowed, 31 are refused', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: author(id: "1") { name }`).join(' ')} }`;
    const ok = await app.gql<Record<string, unknown>>(aliases(30));
    expect(ok.body.errors).toBeUndefined();
    expect(Object.keys(ok.body.data!)).toHaveLength(30);
    const refused = await app.gql(aliases(31));
    expect(refused.status).toBe(400);
    expect(body(refused)).toEqual(tooComplex('aliases', 30, 31));
  });

  it('tokens: 2000 are allowed, 2001 are refused', async () => {
    // 24 punctuation and name tokens plus 988 values in `in` and the rest in `notIn` (at most 1000 each).
    const tokens = (n: number) => `{ authors(filter: { id: { in: [${'1 '.repeat(988)}], notIn: [${'2 '.repeat(n - 24 - 988)}] } }) { totalCount } }`;
    const ok = await app.gql(tokens(2000));
    expect(body(ok)).toEqual({ data: { authors: { totalCount: 1 } }, errors: undefined });
    const refused = await app.gql(tokens(2001));
    expect(refused.status).toBe(400);
    expect(body(refused)).toEqual(tooComplex('tokens', 2000, 2001));
  });

  it('nodes: a query that could return 9,901 objects runs, one that could return 10,001 is refused', async () => {
    // 1 page + 100 authors + 100 book pages + 100 * n books.
    const nested = (n: number) => `{ authors(limit: 100) { items { books(limit: ${n}) { items { title } } } } }`;
    const ok = await app.gql(nested(97));
    expect(ok.body).toEqual({ data: { authors: { items: [{ books: { items: [] } }] } } });
    const refused = await app.gql(nested(98));
    expect(refused.status).toBe(400);
    expect(body(refused)).toEqual(tooComplex('nodes', 10000, 10001));
  });

  it('nodes: limits given as variables count with their values, and default to 20', async () => {
    const query = 'query($n: Int) { authors(limit: 100) { items { books(limit: $n) { items { title } } } } }';
    expect((await app.gql(query, { n: 97 })).body.errors).toBeUndefined();
    expect(body(await app.gql(query, { n: 98 }))).toEqual(tooComplex('nodes', 10000, 10001));
    // Unset: the schema default of 20 -> 1 + 100 + 100 + 2,000.
    expect((await app.gql(query, {})).body.errors).toBeUndefined();
  });
});

describe('HTTP protections', () => {
  const post = (init: RequestInit) => fetch(`${app.url}/graphql`, { method: 'POST', ...init });

  it('CSRF: a GET without a preflight header is refused', async () => {
    const res = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ authors { totalCount } }')}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/Cross-Site Request Forgery/);
  });

  it('CSRF: a GET with the apollo-require-preflight header runs', async () => {
    const res = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ authors { totalCount } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { authors: { totalCount: 1 } } });
  });

  it('CSRF: a text/plain POST (a "simple" cross-site request) is refused and writes nothing', async () => {
    const before = await app.snapshot();
    const res = await post({
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${app.admin.token}` },
      body: JSON.stringify({ query: 'mutation { createStore(input: { name: "CSRF" }) { id } }' }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/Cross-Site Request Forgery/);
    expect(await app.snapshot()).toEqual(before);
  });

  it('a 2 MB body is refused with 413', async () => {
    const res = await post({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ authors { totalCount } }`, variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ errors: [{ message: 'Request body is larger than 1 MB', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('batched requests are refused', async () => {
    const res = await post({ headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]) });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/batching/i);
  });
});

describe('development mode', () => {
  it('allows introspection', async () => {
    const res = await app.gql('{ __schema { queryType { name } } }', {}, ANONYMOUS);
    expect(res.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('suggests field names', async () => {
    const res = await app.gql('{ author(id: "1") { nam } }', {}, ANONYMOUS);
    expect(res.body.errors?.[0].message).toBe('Cannot query field "nam" on type "Author". Did you mean "name"?');
  });
});

describe('production mode', () => {
  const secret = 'p'.repeat(40);

  it('refuses introspection and gives no suggestions', async () => {
    const prod = await startTestApp({ NODE_ENV: 'production', JWT_SECRET: secret });
    try {
      const intro = await prod.gql('{ __schema { queryType { name } } }', {}, ANONYMOUS);
      expect(intro.status).toBe(400);
      expect(intro.body.errors?.map((e) => e.extensions.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(intro.body.errors?.[0].message).toMatch(/introspection is not allowed/);
      const typo = await prod.gql('{ author(id: "1") { nam } }', {}, ANONYMOUS);
      expect(typo.body.errors?.[0]).toEqual({
        message: 'Cannot query field "nam" on type "Author".',
        locations: [{ line: 1, column: 21 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
    } finally {
      await prod.close();
    }
  });

  it('with GRAPHQL_IDE=true allows introspection (the IDE needs it) but still gives no suggestions', async () => {
    const prod = await startTestApp({ NODE_ENV: 'production', JWT_SECRET: secret, GRAPHQL_IDE: 'true' });
    try {
      expect((await prod.gql('{ __schema { queryType { name } } }', {}, ANONYMOUS)).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
      expect((await prod.gql('{ author(id: "1") { nam } }', {}, ANONYMOUS)).body.errors?.[0].message).toBe('Cannot query field "nam" on type "Author".');
    } finally {
      await prod.close();
    }
  });
});
