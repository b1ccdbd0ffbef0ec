import type { GqlResult, TestApp } from './helpers/app.js';
import { startBothPaths, type BothPaths } from './helpers/both-paths.js';

// Two servers on one database: `compiled` answers read queries with one SQL statement,
// `loaders` sends everything through Apollo, the resolvers and the DataLoaders.
let compiled: TestApp;
let loaders: TestApp;

const DATA_SQL = `
INSERT INTO author (name, email, bio, created_at) SELECT 'Author ' || i, 'author' || i || '@example.com',
  CASE WHEN i % 3 = 0 THEN NULL ELSE 'Bio "' || i || E'" \\\\ ünïcødé \\n line' END, '2024-01-02 03:04:05.678912+00'::timestamptz + i * interval '1 day'
  FROM generate_series(1, 12) i;
INSERT INTO store (name, city) SELECT 'Store ' || i, CASE WHEN i = 4 THEN NULL ELSE 'City ' || (i % 3) END FROM generate_series(1, 6) i;
INSERT INTO book (title, author_id, price, published_year, isbn)
  SELECT 'Book ' || a || '-' || b, a, CASE WHEN b = 3 THEN NULL ELSE ((a * b) % 50) + 0.5 END, 1990 + b, CASE WHEN b = 1 THEN NULL ELSE lpad((a * 10 + b)::text, 13, '9') END
  FROM generate_series(1, 10) a, generate_series(1, 5) b;
INSERT INTO inventory (book_id, store_id, quantity) SELECT bk.id, s, (bk.id + s) % 7 FROM book bk, generate_series(1, 6) s WHERE (bk.id + s) % 6 < 4;
`;

let both: BothPaths;
beforeAll(async () => {
  both = await startBothPaths(DATA_SQL);
  ({ compiled, loaders } = both);
});
afterAll(() => both.close());

const statements = (res: GqlResult) => Number(res.headers.get('x-sql-statements'));

// Each is answered by both servers; the bodies must be equal, and the compiled one takes one statement.
const SAME_ANSWER: [string, string, Record<string, unknown>?][] = [
  ['three levels', '{ authors(limit: 4) { items { id name books(limit: 3) { items { title stores(limit: 2) { items { name city } } } } } } }'],
  ['every scalar kind', '{ books(limit: 7, orderBy: [{ price: DESC }]) { items { id title isbn publishedYear price version createdAt updatedAt } } }'],
  [
    'author fields with escapes and nulls',
    '{ authors(orderBy: [{ name: ASC }]) { items { id name email bio createdAt } totalCount hasNextPage offset limit } }',
  ],
  ['lookups, present and absent', '{ a: author(id: 2) { name } b: book(id: "7") { title author { name bookCount } } s: store(id: 999) { name } }'],
  [
    'page fields everywhere',
    '{ stores(limit: 2, offset: 1) { totalCount offset limit hasNextPage items { name books(limit: 2) { totalCount hasNextPage offset limit } bookCount } } }',
  ],
  [
    'offset past the end, limit 0',
    '{ a: books(offset: 500) { items { id } hasNextPage totalCount } b: books(limit: 0) { items { id } hasNextPage totalCount } }',
  ],
  [
    'inventory both ways',
    '{ book(id: 3) { totalStock inventory(limit: 5) { items { quantity store { name } } totalCount } } store(id: 2) { inventory(offset: 1, limit: 3) { items { quantity book { title author { email } } } hasNextPage } } }',
  ],
  [
    'aliases with different arguments',
    '{ authors(limit: 3) { items { x: books(limit: 1) { items { id } } y: books(limit: 2, orderBy: [{ price: ASC }]) { items { id price } } } } }',
  ],
  [
    'fragments, inline fragments and __typename',
    `query { __typename books(limit: 3) { __typename ...P } }
    fragment P on BookPage { items { __typename ...B ... on Book { author { __typename name } } } totalCount }
    fragment B on Book { id title }`,
  ],
  ['one field selected twice merges', '{ books(limit: 2) { items { id author { name } author { email } } items { title } } }'],
  [
    '@skip and @include from variables',
    'query($s: Boolean!, $i: Boolean = false) { books(limit: 2) { items { id title @skip(if: $s) price @include(if: $i) author @include(if: true) { name } } } }',
    { s: true },
  ],
  [
    'relation filters and sorts',
    `{ books(filter: { or: [{ author: { name: { endsWith: "3" } } }, { stores: { some: { city: { isNull: true } } } }], not: { price: { gte: 20 } } },
      orderBy: [{ author: { name: DESC } }, { publishedYear: ASC }], limit: 10) { items { title price author { name } } totalCount } }`,
  ],
  [
    'list relation filters on authors',
    '{ authors(filter: { books: { every: { price: { lt: 30 } }, some: { isbn: { isNull: false } } } }, orderBy: [{ bookCount: DESC }]) { items { name bookCount } } }',
  ],
  [
    'nested filters on relation pages',
    '{ stores(orderBy: [{ name: DESC }]) { items { name books(filter: { title: { contains: "-2" } }, orderBy: [{ title: DESC }]) { items { title } totalCount } } } }',
  ],
  [
    'variables with defaults',
    'query($limit: Int = 3, $f: BookFilter) { books(limit: $limit, filter: $f) { items { id } } }',
    { f: { publishedYear: { in: [1991, 1992] } } },
  ],
  ['named operation among several', 'query A { authors { totalCount } } query B { stores { totalCount } }'],
];

describe('compiled read queries', () => {
  it.each(SAME_ANSWER.map(([n, q, v]) => [n, q, v ?? {}] as const))('%s: same answer as the resolvers, in one statement', async (_name, query, variables) => {
    const [fast, slow] = await Promise.all([compiled.gql(query, variables), loaders.gql(query, variables)]);
    expect(fast.status).toBe(slow.status);
    expect(fast.body).toEqual(slow.body);
    // Without an operationName a document with two operations is Apollo's error, the same on both.
    if (!query.startsWith('query A')) expect([fast.body.errors, statements(fast)]).toEqual([undefined, 1]);
  });

  it('names the operation to run when the document has several', async () => {
    const res = await fetch(`${compiled.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SAME_ANSWER.at(-1)![1], operationName: 'B' }),
    });
    expect([res.status, res.headers.get('x-sql-statements'), await res.json()]).toEqual([200, '1', { data: { stores: { totalCount: 6 } } }]);
  });

  it('gives the exact ISO timestamps and numbers graphql-js gives', async () => {
    const res = await compiled.gql('{ author(id: 1) { createdAt } book(id: 2) { price publishedYear } }');
    expect(res.body).toEqual({ data: { author: { createdAt: '2024-01-03T03:04:05.678Z' }, book: { price: 2.5, publishedYear: 1991 } } });
  });
});

// What the compiled path must not answer goes to Apollo: the answer is the one the resolvers give.
const LEFT_TO_APOLLO: [string, string, Record<string, unknown>?][] = [
  ['a bad id', '{ book(id: "abc") { title } }'],
  ['a nested limit over 100', '{ authors(limit: 2) { items { books(limit: 101) { totalCount } } } }'],
  ['a bad orderBy element with only totalCount selected', 'query($o: [BookOrderBy!]) { books(orderBy: $o) { totalCount } }', { o: [{}] }],
  ['a variable of the wrong type', 'query($l: Int) { books(limit: $l) { totalCount } }', { l: 'ten' }],
  ['a NUL byte in a variable', 'query($t: String) { books(filter: { title: { eq: $t } }) { totalCount } }', { t: 'a\u0000b' }],
  ['an unknown field', '{ books { items { nope } } }'],
  ['a mutation', 'mutation { createStore(input: { name: "Compiled Store" }) { id name } }'],
  ['the audit log', '{ auditLog(limit: 1) { totalCount } }'],
  ['introspection', '{ __schema { queryType { name } } }'],
];

describe('requests the compiled path leaves to Apollo', () => {
  it.each(LEFT_TO_APOLLO.map(([n, q, v]) => [n, q, v ?? {}] as const))('%s', async (_name, query, variables) => {
    const before = await compiled.snapshot();
    const fast = await compiled.gql(query, variables);
    if (!query.startsWith('mutation')) {
      expect(fast.body).toEqual((await loaders.gql(query, variables)).body);
      expect(await compiled.snapshot()).toEqual(before);
    } else {
      expect(fast.body).toEqual({ data: { createStore: { id: expect.any(String), name: 'Compiled Store' } } });
    }
  });

  it('a bad token is still a 401, and a good one is served compiled', async () => {
    const bad = await compiled.gql('{ authors { totalCount } }', undefined, { authorization: 'Bearer nope' });
    expect([bad.status, bad.body.errors?.[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    const good = await compiled.gql('{ authors { totalCount } }');
    expect([good.status, statements(good), good.body]).toEqual([200, 1, { data: { authors: { totalCount: 12 } } }]);
  });

  it('answers in the media type the client asks for', async () => {
    const post = (accept: string) =>
      fetch(`${compiled.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: '{"query":"{ stores { totalCount } }"}',
      });
    const graphqlResponse = await post('application/graphql-response+json');
    expect([graphqlResponse.headers.get('content-type'), await graphqlResponse.json()]).toEqual([
      'application/graphql-response+json; charset=utf-8',
      { data: { stores: { totalCount: 7 } } },
    ]);
    const json = await post('application/json');
    expect([json.headers.get('content-type'), json.headers.get('x-sql-statements'), await json.json()]).toEqual([
      'application/json; charset=utf-8',
      '1',
      { data: { stores: { totalCount: 7 } } },
    ]);
  });
});
