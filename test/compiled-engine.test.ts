import 'reflect-metadata';
import { Authorized } from 'type-graphql';
import { BookResolver } from '../src/resolvers/BookResolver.js';
import type { TestApp } from './helpers/app.js';
import { startBothPaths, type BothPaths } from './helpers/both-paths.js';

// A guarded field in the test schema: the `Book.totalStock` field resolver as if it carried
// `@Authorized()` (any signed-in user). Applied before the schema is first built; jest gives this
// file its own module registry. (Not on an entity property: every object type here has
// `simpleResolvers`, with which type-graphql runs no check on plain fields, on any path.)
Authorized()(BookResolver.prototype, 'totalStock', Object.getOwnPropertyDescriptor(BookResolver.prototype, 'totalStock')!);

let compiled: TestApp;
let loaders: TestApp;

const DATA_SQL = `
INSERT INTO author (name, email) SELECT 'Author ' || i, 'author' || i || '@example.com' FROM generate_series(1, 5) i;
INSERT INTO store (name, city) SELECT 'Store ' || i, 'City ' || i FROM generate_series(1, 3) i;
INSERT INTO book (title, author_id, price, published_year, isbn) SELECT 'Book ' || a || '-' || b, a, a + b + 0.5, 2000 + b, lpad((a * 10 + b)::text, 13, '9') FROM generate_series(1, 5) a, generate_series(1, 3) b;
INSERT INTO inventory (book_id, store_id, quantity) SELECT bk.id, s, bk.id + s FROM book bk, generate_series(1, 3) s;
`;

let both: BothPaths;
beforeAll(async () => {
  both = await startBothPaths(DATA_SQL);
  ({ compiled, loaders } = both);
});
afterAll(() => both.close());

interface Sent {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
  search?: Record<string, string>;
}
interface Received {
  status: number;
  contentType: string | null;
  text: string;
  path: string | null;
  statements: number;
}

async function send(app: TestApp, { method = 'POST', headers = {}, body, search }: Sent): Promise<Received> {
  const url = `${app.url}/graphql${search ? `?${new URLSearchParams(search)}` : ''}`;
  const res = await fetch(url, { method, headers, body: body && JSON.stringify(body) });
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    text: await res.text(),
    path: res.headers.get('x-graphql-path'),
    statements: Number(res.headers.get('x-sql-statements')),
  };
}

/** PostgreSQL writes `{"a" : 1}`, graphql-js `{"a":1}`: the same text once reformatted, key order included. */
const reformatted = (text: string) => `${JSON.stringify(JSON.parse(text))}\n`;

/** Both servers answer alike (status, content type, body bytes up to JSON whitespace); returns the compiled server's answer. */
async function same(sent: Sent, who: 'admin' | 'anonymous' = 'anonymous'): Promise<Received> {
  // Each server signs its own tokens; both name user 1, the admin.
  const auth = (app: TestApp): Record<string, string> => (who === 'admin' ? { authorization: `Bearer ${app.admin.token}` } : {});
  const fast = await send(compiled, { ...sent, headers: { ...sent.headers, ...auth(compiled) } });
  const slow = await send(loaders, { ...sent, headers: { ...sent.headers, ...auth(loaders) } });
  expect([fast.status, fast.contentType, reformatted(fast.text)]).toEqual([slow.status, slow.contentType, slow.text]);
  expect(slow.path).toBe('resolvers');
  return fast;
}

const NESTED = 'query Nested($n: Int!) { authors(limit: $n) { items { id name books(limit: 2) { items { title stores(limit: 2) { items { name } } } } } } }';
const APOLLO_CLIENT_4 = { 'content-type': 'application/json', accept: 'application/graphql-response+json,application/json;q=0.9' };
const URQL_ACCEPT = 'application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed';

describe('one compiled path for every client framing', () => {
  it.each<[string, Sent]>([
    [
      'Apollo Client 4 (accept, extensions.clientLibrary, operationName)',
      {
        headers: APOLLO_CLIENT_4,
        body: { query: NESTED, operationName: 'Nested', variables: { n: 3 }, extensions: { clientLibrary: { name: '@apollo/client', version: '4.0.7' } } },
      },
    ],
    [
      'urql GET with the preflight header',
      {
        method: 'GET',
        headers: { accept: URQL_ACCEPT, 'apollo-require-preflight': 'true' },
        search: { query: NESTED, operationName: 'Nested', variables: '{"n":2}' },
      },
    ],
    [
      'GET with x-apollo-operation-name and a JSON content type',
      { method: 'GET', headers: { 'x-apollo-operation-name': 'Nested', 'content-type': 'application/json' }, search: { query: NESTED, variables: '{"n":1}' } },
    ],
    [
      'graphql-response+json only',
      { headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: { query: NESTED, variables: { n: 2 } } },
    ],
    [
      'q-values preferring graphql-response+json',
      {
        headers: { 'content-type': 'application/json', accept: 'application/json;q=0.5, application/graphql-response+json;q=0.8' },
        body: { query: NESTED, variables: { n: 2 } },
      },
    ],
    [
      '*/* and an operationName among several operations',
      {
        headers: { 'content-type': 'application/json', accept: '*/*' },
        body: { query: `${NESTED} query Other { stores { totalCount } }`, operationName: 'Other', extensions: {} },
      },
    ],
  ])('%s: answered compiled in one statement, as Apollo answers it', async (_name, sent) => {
    const fast = await same(sent);
    expect([fast.status, fast.path, fast.statements]).toEqual([200, 'compiled', 1]);
  });

  it.each<[string, Sent]>([
    ['a GET that CSRF prevention refuses', { method: 'GET', search: { query: NESTED, variables: '{"n":1}' } }],
    [
      'a GET with a text/plain content type',
      { method: 'GET', headers: { 'content-type': 'text/plain', 'apollo-require-preflight': 'true' }, search: { query: '{ stores { totalCount } }' } },
    ],
    [
      'an accept header Apollo cannot satisfy',
      { headers: { 'content-type': 'application/json', accept: 'image/png' }, body: { query: '{ stores { totalCount } }' } },
    ],
    [
      'a persisted-query hash',
      { headers: { 'content-type': 'application/json' }, body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } } },
    ],
    [
      'an operationName that is not in the document',
      { headers: { 'content-type': 'application/json' }, body: { query: NESTED, operationName: 'Nope', variables: { n: 1 } } },
    ],
  ])('%s: left to Apollo, which refuses it', async (_name, sent) => {
    const fast = await same(sent);
    expect([JSON.parse(fast.text).errors.length, fast.path]).toEqual([1, 'resolvers']);
  });
});

describe('documents mixing compiled and resolved root fields', () => {
  const ME_AND_LISTS = '{ books(limit: 2) { items { title } } me { email } authors(limit: 2) { items { name books(limit: 1) { totalCount } } } }';

  it('me + lists: one statement for the lists, the loader for me, keys in document order', async () => {
    const admin = await same({ headers: { 'content-type': 'application/json' }, body: { query: ME_AND_LISTS } }, 'admin');
    expect([admin.path, admin.statements, Object.keys(JSON.parse(admin.text).data)]).toEqual(['mixed', 2, ['books', 'me', 'authors']]);
    expect(JSON.parse(admin.text).data.me).toEqual({ email: compiled.admin.email });
    const anonymous = await same({ headers: APOLLO_CLIENT_4, body: { query: ME_AND_LISTS } });
    expect([anonymous.path, anonymous.statements, JSON.parse(anonymous.text).data.me]).toEqual(['mixed', 1, null]);
  });

  it('me + lists: resolving `me` makes no entity manager (the context survives Apollo copying it)', async () => {
    const fork = jest.spyOn(compiled.db, 'fork');
    try {
      const admin = await same({ headers: { 'content-type': 'application/json' }, body: { query: ME_AND_LISTS } }, 'admin');
      expect([admin.path, JSON.parse(admin.text).data.me, fork.mock.calls.length]).toEqual(['mixed', { email: compiled.admin.email }, 0]);
    } finally {
      fork.mockRestore();
    }
  });

  it('auditLog + books: the admin gets both; anonymous gets UNAUTHENTICATED at its location and null data, as from the resolvers', async () => {
    const query = 'query Q($l: Int, $b: Int) {\n  books(limit: $b) { totalCount }\n  auditLog(limit: $l) { items { action } }\n}';
    const admin = await same({ headers: { 'content-type': 'application/json' }, body: { query, variables: { l: 1, b: 1 } } }, 'admin');
    expect([admin.path, JSON.parse(admin.text).errors]).toEqual(['mixed', undefined]);
    const anonymous = await same({ headers: { 'content-type': 'application/json' }, body: { query, variables: { l: 1, b: 1 } } });
    expect(JSON.parse(anonymous.text)).toEqual({
      errors: [expect.objectContaining({ path: ['auditLog'], locations: [{ line: 3, column: 3 }], extensions: { code: 'UNAUTHENTICATED' } })],
      data: null,
    });
  });

  it('fragments and variables used only by the compiled part are left out of the resolvers document', async () => {
    const query =
      'query Q($n: Int, $s: Boolean!) { a: authors(limit: $n) @skip(if: $s) { ...A } me { ...U } b: authors { totalCount } } fragment A on AuthorPage { totalCount } fragment U on User { email }';
    const fast = await same({ headers: { 'content-type': 'application/json' }, body: { query, variables: { n: 1, s: false } } }, 'admin');
    expect([fast.path, Object.keys(JSON.parse(fast.text).data)]).toEqual(['mixed', ['a', 'me', 'b']]);
    const skipped = await same({ headers: { 'content-type': 'application/json' }, body: { query, variables: { n: 1, s: true } } }, 'admin');
    expect(Object.keys(JSON.parse(skipped.text).data)).toEqual(['me', 'b']);
  });

  it('a root-level fragment mixing both kinds goes whole to the resolvers', async () => {
    const fast = await same(
      { headers: { 'content-type': 'application/json' }, body: { query: '{ ...R } fragment R on Query { me { email } stores { totalCount } }' } },
      'admin',
    );
    expect(fast.path).toBe('resolvers');
  });
});

describe('guarded fields are never compiled', () => {
  const query = '{ books(limit: 2) { items { title totalStock } } stores(limit: 1) { items { name } } }';

  it('anonymous gets UNAUTHENTICATED for the guarded field on both paths; a signed-in user gets it', async () => {
    const anonymous = await same({ headers: { 'content-type': 'application/json' }, body: { query } });
    const body = JSON.parse(anonymous.text);
    // totalStock is non-null: its error nulls the whole (non-null) page, then `data`.
    expect([anonymous.path, body.data, body.errors[0].path, new Set(body.errors.map((e: { extensions: { code: string } }) => e.extensions.code))]).toEqual([
      'mixed',
      null,
      ['books', 'items', 0, 'totalStock'],
      new Set(['UNAUTHENTICATED']),
    ]);
    const admin = await same({ headers: { 'content-type': 'application/json' }, body: { query } }, 'admin');
    expect([admin.path, JSON.parse(admin.text).data.books.items[0]]).toEqual(['mixed', { title: 'Book 1-1', totalStock: 9 }]);
  });

  it('the fallback is counted by reason in /metrics', async () => {
    const whole = await same({ headers: { 'content-type': 'application/json' }, body: { query: '{ book(id: 1) { totalStock } }' } }, 'admin');
    expect([whole.path, JSON.parse(whole.text).data]).toEqual(['resolvers', { book: { totalStock: 9 } }]);
    const metrics = await (await fetch(`${compiled.url}/metrics`)).text();
    expect(metrics).toMatch(/graphql_compiled_fallbacks_total\{reason="guarded-field"\} [1-9]/);
    expect(metrics).toMatch(/graphql_compiled_fallbacks_total\{reason="framing"\} [1-9]/);
  });
});
