import { startTestApp, type TestApp } from './helpers/app.js';
import { errorOf } from './helpers/expect.js';
import { loadQueryData } from './helpers/query-data.js';
import { statementsPerPath } from './helpers/read-path.js';

// Keyset connections on the fixed query data (NULLs in isbn, publishedYear and price; ties in
// bookCount): every page walked by cursor equals the offset list's slice, both ways.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await loadQueryData(app);
});
afterAll(() => app.close());

interface Conn {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

const CONN = 'edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount';

async function offsetIds(list: string, type: string, orderBy: unknown): Promise<string[]> {
  const res = await app.gql<Record<string, { items: { id: string }[] }>>(`query($o: [${type}!]) { ${list}(orderBy: $o, limit: 100) { items { id } } }`, {
    o: orderBy,
  });
  return res.body.data![list].items.map((b) => b.id);
}

async function page(list: string, type: string, args: Record<string, unknown>): Promise<Conn> {
  const res = await app.gql<Record<string, Conn>>(
    `query($o: [${type}!], $first: Int, $after: String, $last: Int, $before: String) {
      c: ${list}Connection(orderBy: $o, first: $first, after: $after, last: $last, before: $before) { ${CONN} } }`,
    args,
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.c;
}

/** Walks the whole list forward by `size`, then back from the end, checking pageInfo on the way. */
async function walk(list: string, type: string, orderBy: unknown, size: number): Promise<{ forward: string[]; backward: string[] }> {
  const forward: string[] = [];
  let after: string | null = null;
  for (;;) {
    const c: Conn = await page(list, type, { o: orderBy, first: size, after });
    forward.push(...c.edges.map((e) => e.node.id));
    expect(c.pageInfo.hasPreviousPage).toBe(after !== null);
    expect(c.pageInfo.startCursor).toBe(c.edges[0]?.cursor ?? null);
    if (!c.pageInfo.hasNextPage) break;
    after = c.pageInfo.endCursor;
  }
  const backward: string[] = [];
  let before: string | null = null;
  for (;;) {
    const c: Conn = await page(list, type, { o: orderBy, last: size, before });
    backward.unshift(...c.edges.map((e) => e.node.id));
    expect(c.pageInfo.hasNextPage).toBe(before !== null);
    if (!c.pageInfo.hasPreviousPage) break;
    before = c.pageInfo.startCursor;
  }
  return { forward, backward };
}

describe('keyset connections', () => {
  it.each([
    ['books', 'BookOrderBy', []],
    ['books', 'BookOrderBy', [{ title: 'DESC' }]],
    ['books', 'BookOrderBy', [{ isbn: 'ASC' }]],
    ['books', 'BookOrderBy', [{ publishedYear: 'DESC' }]],
    ['books', 'BookOrderBy', [{ price: 'ASC' }, { id: 'DESC' }]],
    ['books', 'BookOrderBy', [{ createdAt: 'ASC' }]],
    ['books', 'BookOrderBy', [{ author: { name: 'DESC' } }, { price: 'DESC' }]],
    ['books', 'BookOrderBy', [{ author: { bookCount: 'ASC' } }, { title: 'ASC' }]],
    ['authors', 'AuthorOrderBy', [{ bookCount: 'DESC' }]],
    ['stores', 'StoreOrderBy', [{ city: 'DESC' }]],
  ])('%s (%s) by %j walk forward and back as the offset list', async (list, type, orderBy) => {
    const expected = await offsetIds(list, type, orderBy);
    for (const size of [1, 3]) expect(await walk(list, type, orderBy, size)).toEqual({ forward: expected, backward: expected });
  });

  it('gives totalCount, and an empty page with null cursors past the end', async () => {
    const c = await page('books', 'BookOrderBy', { first: 0 });
    expect(c).toEqual({ edges: [], pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 8 });
    const last = await page('books', 'BookOrderBy', { last: 1 });
    const past = await page('books', 'BookOrderBy', { first: 5, after: last.pageInfo.endCursor });
    expect(past).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null }, totalCount: 8 });
  });

  it('nested connections are per parent, in one statement per level', async () => {
    const res = await app.gql(`{ authorsConnection(first: 3) { edges { node { id booksConnection(first: 1, orderBy: [{ title: ASC }]) { ${CONN} } } } } }`);
    expect(res.body.errors).toBeUndefined();
    expect(Number(res.headers.get('x-sql-statements'))).toBe(statementsPerPath(3));
    const authors = (res.body.data as { authorsConnection: { edges: { node: { id: string; booksConnection: Conn } }[] } }).authorsConnection.edges;
    expect(authors.map((a) => [a.node.id, a.node.booksConnection.edges.map((e) => e.node.id), a.node.booksConnection.pageInfo.hasNextPage])).toEqual([
      ['1', ['2'], true],
      ['2', ['3'], true],
      ['3', ['5'], true],
    ]);
    const after = authors[0].node.booksConnection.pageInfo.endCursor;
    const next = await app.gql(`query($a: String) { author(id: 1) { booksConnection(first: 5, after: $a, orderBy: [{ title: ASC }]) { ${CONN} } } }`, {
      a: after,
    });
    const books = (next.body.data as { author: { booksConnection: Conn } }).author.booksConnection;
    expect([books.edges.map((e) => e.node.id), books.pageInfo.hasNextPage, books.totalCount]).toEqual([['1'], false, 2]);
  });

  it('walks a store’s inventory and a book’s stores', async () => {
    const res = await app.gql(`{ store(id: 1) { inventoryConnection(first: 2) { edges { node { quantity } } pageInfo { endCursor } } }
      book(id: 1) { storesConnection(last: 1) { edges { node { name } } pageInfo { hasPreviousPage } } } }`);
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data as { store: { inventoryConnection: { edges: unknown[]; pageInfo: { endCursor: string } } }; book: unknown };
    expect(data.store.inventoryConnection.edges).toEqual([{ node: { quantity: 5 } }, { node: { quantity: 3 } }]);
    expect(data.book).toEqual({ storesConnection: { edges: [{ node: { name: 'Flipkart' } }], pageInfo: { hasPreviousPage: true } } });
    const next = await app.gql(`query($a: String) { store(id: 1) { inventoryConnection(first: 9, after: $a) { edges { node { quantity } } } } }`, {
      a: data.store.inventoryConnection.pageInfo.endCursor,
    });
    expect(next.body.data).toEqual({
      store: { inventoryConnection: { edges: [{ node: { quantity: 0 } }, { node: { quantity: 7 } }, { node: { quantity: 2 } }] } },
    });
  });

  it('refuses a cursor made for another orderBy or list, a malformed one, and first with last', async () => {
    const c = await page('books', 'BookOrderBy', { o: [{ title: 'ASC' }], first: 1 });
    const cursor = c.pageInfo.endCursor;
    const refused = async (list: string, type: string, args: Record<string, unknown>, path: string) => {
      const res = await app.gql(
        `query($o: [${type}!], $first: Int, $after: String, $last: Int) { ${list}Connection(orderBy: $o, first: $first, after: $after, last: $last) { totalCount } }`,
        args,
      );
      expect(errorOf(res, 'BAD_USER_INPUT').extensions.fields).toEqual([expect.objectContaining({ path })]);
    };
    await refused('books', 'BookOrderBy', { o: [{ title: 'DESC' }], after: cursor }, 'after');
    await refused('books', 'BookOrderBy', { after: cursor }, 'after');
    await refused('authors', 'AuthorOrderBy', { o: [{ name: 'ASC' }], after: cursor }, 'after');
    await refused('books', 'BookOrderBy', { after: 'not a cursor' }, 'after');
    await refused('books', 'BookOrderBy', { first: 1, last: 1 }, 'last');
    await refused('books', 'BookOrderBy', { first: 101 }, 'first');
  });

  it('counts EXACT, CAPPED at its edges (max = rows - 1, rows, rows + 1) and ESTIMATED from the planner', async () => {
    await app.pg.query('ANALYZE book');
    const res = await app.gql(`{
      exact: booksConnection(first: 0) { count { value mode capped } }
      below: booksConnection(first: 0) { count(mode: CAPPED, max: 7) { value mode capped } }
      at: booksConnection(first: 0) { count(mode: CAPPED, max: 8) { value mode capped } }
      above: booksConnection(first: 0) { count(mode: CAPPED, max: 9) { value capped } }
      none: booksConnection(first: 0, filter: { title: { eq: "nope" } }) { count(mode: CAPPED, max: 0) { value capped } }
      zero: booksConnection(first: 0) { count(mode: CAPPED, max: 0) { value capped } }
      estimated: booksConnection(first: 0) { count(mode: ESTIMATED) { value mode capped } }
      filtered: booksConnection(first: 0, filter: { publishedYear: { gt: 2000 } }) { count(mode: ESTIMATED) { value mode } }
      author(id: 1) {
        capped: booksConnection(first: 0) { count(mode: CAPPED, max: 1) { value mode capped } }
        estimated: booksConnection(first: 0) { count(mode: ESTIMATED) { value mode capped } }
      }
    }`);
    expect(res.body.errors).toBeUndefined();
    // The planner's own estimate for the same filtered statement, asked by hand.
    const plan = async (where: string) =>
      Math.round((await app.pg.query(`EXPLAIN (FORMAT JSON) SELECT 1 FROM book t WHERE ${where}`)).rows[0]['QUERY PLAN'][0].Plan['Plan Rows']);
    const count = (value: number, mode: string, capped = false) => ({ count: { value, mode, capped } });
    expect(res.body.data).toEqual({
      exact: count(8, 'EXACT'),
      below: count(7, 'CAPPED', true),
      at: count(8, 'CAPPED'),
      above: { count: { value: 8, capped: false } },
      none: { count: { value: 0, capped: false } },
      zero: { count: { value: 0, capped: true } },
      estimated: count(await plan('TRUE'), 'ESTIMATED'),
      filtered: { count: { value: await plan('t.published_year > 2000'), mode: 'ESTIMATED' } },
      author: { capped: count(1, 'CAPPED', true), estimated: count(2, 'EXACT') },
    });
    expect((res.body.data as { estimated: { count: { value: number } } }).estimated.count.value).toBe(8);
    const refused = await app.gql('{ booksConnection { count(mode: CAPPED, max: 100001) { value } } }');
    expect(errorOf(refused, 'BAD_USER_INPUT').extensions.fields).toEqual([expect.objectContaining({ path: 'max' })]);
  });
});
