import { startTestApp, type GqlResult, type TestApp } from './helpers/app.js';

// The compiled mutation path (compiled-mutations.ts) against the resolvers: the same sequence of
// mutations on two servers, each on its own fresh database, must give the same answers (errors,
// codes and paths included) and leave the same rows and audit entries. Which engine answered
// each is asserted too, so a shape silently falling back to Apollo is seen.
let compiled: TestApp;
let resolvers: TestApp;

beforeAll(async () => {
  [compiled, resolvers] = await Promise.all([startTestApp({}, { compiledQueries: true }), startTestApp({}, { compiledQueries: false })]);
  for (const app of [compiled, resolvers]) {
    await app.gql('mutation { createAuthor(input: { name: "Ann Writer", email: "ann@example.com" }) { id } }');
    await app.gql('mutation { createStore(input: { name: "Corner" }) { id } }');
  }
});
afterAll(async () => {
  await Promise.all([compiled?.close(), resolvers?.close()]);
});

const BOOK_FIELDS = 'id title isbn publishedYear price createdAt version __typename';
const CASES: { name: string; query: string; variables?: Record<string, unknown>; path: 'compiled' | 'resolvers'; headers?: Record<string, string> }[] = [
  {
    name: 'createBook, columns only (1 statement)',
    query: `mutation C($i: CreateBookInput!) { createBook(input: $i) { ${BOOK_FIELDS} } }`,
    variables: { i: { title: ' Dune ', authorId: '1', isbn: '978-0-306-40615-7', publishedYear: 1965, price: 9.5 } },
    path: 'compiled',
  },
  {
    name: 'createBook returning author { name } (compiled reader)',
    query: 'mutation { made: createBook(input: { title: "Emma", authorId: "1" }) { id author { name bookCount } } }',
    path: 'compiled',
  },
  {
    name: 'createBooks, in input order',
    query: `mutation($i: [CreateBookInput!]!) { createBooks(inputs: $i) { ${BOOK_FIELDS} author { name } } }`,
    variables: {
      i: [
        { title: 'B1', authorId: '1' },
        { title: 'B2', authorId: '1', price: 3 },
      ],
    },
    path: 'compiled',
  },
  { name: 'setStock', query: 'mutation { setStock(storeId: "1", bookId: "1", quantity: 5) { quantity bookId: __typename } }', path: 'compiled' },
  { name: 'adjustStock', query: 'mutation { adjustStock(storeId: "1", bookId: "1", delta: 2) { quantity } }', path: 'compiled' },
  {
    name: 'setStock with relations, in the same statement',
    query: 'mutation { setStock(storeId: "1", bookId: "2", quantity: 1) { id quantity book { title } store { name } } }',
    path: 'compiled',
  },
  {
    // The statement's own snapshot holds the link as it was: the payload reads the table as the write leaves it.
    name: 'setStock reading inventory again, as the write leaves it',
    query:
      'mutation { setStock(storeId: "1", bookId: "2", quantity: 4) { id book { inventory { items { id quantity } } totalStock stores { items { name } } } } }',
    path: 'compiled',
  },
  {
    name: 'adjustStock with relations, fragments and aliases',
    query:
      'mutation { s: adjustStock(storeId: "1", bookId: "2", delta: 3) { ...Q b: book { t: title author { name } } } } fragment Q on Inventory { id n: quantity }',
    path: 'compiled',
  },
  {
    name: 'setStocks, in input order, with relations',
    query:
      'mutation { setStocks(inputs: [{ storeId: "1", bookId: "2", quantity: 6 }, { storeId: "1", bookId: "1", quantity: 9 }]) { id quantity book { totalStock } } }',
    path: 'compiled',
  },
  {
    name: 'upsertAuthor inserts',
    query: 'mutation { a: upsertAuthor(input: { name: "Bea", email: "bea@example.com" }) { id name bookCount } }',
    path: 'compiled',
  },
  {
    name: 'upsertAuthor updates the author with that email',
    query: 'mutation { upsertAuthor(input: { name: "Bea B", email: "BEA@example.com", bio: "b" }) { id name bio } }',
    path: 'compiled',
  },
  {
    name: 'upsertBook updates the book with that ISBN',
    query: 'mutation { upsertBook(input: { title: "U", authorId: "1", isbn: "978-0-306-40615-7", price: 2 }) { id title price author { bookCount } } }',
    path: 'compiled',
  },
  {
    name: 'upsertStore',
    query: 'mutation { upsertStore(input: { name: "corner", city: "Town" }) { id name city inventory { totalCount } } }',
    path: 'compiled',
  },
  { name: 'upsertBook without ISBN: BAD_USER_INPUT', query: 'mutation { upsertBook(input: { title: "U", authorId: "1" }) { id } }', path: 'compiled' },
  {
    name: 'upsertAuthor with books: Apollo',
    query: 'mutation { upsertAuthor(input: { name: "C", email: "c@example.com", books: [{ title: "Z" }] }) { id } }',
    path: 'resolvers',
  },
  {
    name: 'setStocks, a bad item',
    query: 'mutation { setStocks(inputs: [{ storeId: "1", bookId: "1", quantity: 1 }, { storeId: "1", bookId: "1", quantity: 2 }]) { id } }',
    path: 'compiled',
  },
  // Domain errors are answered on the compiled path, through the one mapper, never run a second time.
  { name: 'negative quantity: BAD_USER_INPUT', query: 'mutation { setStock(storeId: "1", bookId: "1", quantity: -1) { quantity } }', path: 'compiled' },
  // The CHECK constraint refuses the statement: no AppError, so answered here by the shared mapper (formatError), as Apollo would.
  { name: 'below 0: CONFLICT', query: 'mutation { adjustStock(storeId: "1", bookId: "1", delta: -100) { quantity } }', path: 'compiled' },
  { name: 'unknown store: NOT_FOUND', query: 'mutation { adjustStock(storeId: "99", bookId: "1", delta: 1) { quantity } }', path: 'compiled' },
  { name: 'unknown book: NOT_FOUND', query: 'mutation { setStock(storeId: "1", bookId: "99", quantity: 1) { quantity } }', path: 'compiled' },
  { name: 'bad id', query: 'mutation { setStock(storeId: "x", bookId: "1", quantity: 1) { quantity } }', path: 'compiled' },
  { name: 'class-validator refuses the title', query: 'mutation { createBook(input: { title: "  ", authorId: "1" }) { id } }', path: 'resolvers' },
  {
    name: 'signed out: UNAUTHENTICATED',
    query: 'mutation { adjustStock(storeId: "1", bookId: "1", delta: 1) { quantity } }',
    headers: { authorization: '' },
    path: 'resolvers',
  },
  {
    name: 'bad token',
    query: 'mutation { adjustStock(storeId: "1", bookId: "1", delta: 1) { quantity } }',
    headers: { authorization: 'Bearer x' },
    path: 'resolvers',
  },
  {
    name: 'nested stock: a transaction, Apollo',
    query: 'mutation { createBook(input: { title: "S", authorId: "1", stock: [{ storeId: "1", quantity: 2 }] }) { id } }',
    path: 'resolvers',
  },
];

// A refused INSERT runs once on either server (it takes one serial value on both, so the ids agree).
const REFUSED_INSERTS: typeof CASES = [
  {
    name: 'bulk: one bad item names its index',
    query: 'mutation($i: [CreateBookInput!]!) { createBooks(inputs: $i) { id } }',
    variables: {
      i: [
        { title: 'ok', authorId: '1' },
        { title: 'bad', authorId: '77' },
      ],
    },
    path: 'compiled',
  },
  { name: 'unknown author', query: 'mutation { createBook(input: { title: "X", authorId: "77" }) { id } }', path: 'compiled' },
];

/** The answer with what differs by nature between two servers (request ids, creation times) taken out. */
const comparable = (res: GqlResult) =>
  JSON.parse(
    JSON.stringify(res.body)
      .replace(/"requestId":"[^"]+"/g, '"requestId":"-"')
      .replace(/"createdAt":"[^"]+"/g, '"createdAt":"-"'),
  );

const same = (c: (typeof CASES)[number]) =>
  it(c.name, async () => {
    const [a, b] = [await compiled.gql(c.query, c.variables, c.headers), await resolvers.gql(c.query, c.variables, c.headers)];
    expect(comparable(a)).toEqual(comparable(b));
    expect(a.status).toBe(b.status);
    expect([a.headers.get('x-graphql-path'), b.headers.get('x-graphql-path')]).toEqual([c.path, 'resolvers']);
  });

describe('compiled mutations answer as the resolvers do', () => {
  CASES.forEach(same);

  it('the payload is read in the write statement, also where it reads the written table again: 1 statement', async () => {
    const queries = [
      'mutation { createBook(input: { title: "One", authorId: "1" }) { id title } }',
      'mutation { createBook(input: { title: "Two", authorId: "1" }) { id author { name } } }',
      'mutation($t: String!) { createBook(input: { title: $t, authorId: "1" }) { id author { name bookCount } } }',
      'mutation { createBooks(inputs: [{ title: "Four", authorId: "1" }, { title: "Five", authorId: "1" }]) { id author { name bookCount books { totalCount items { title } } } } }',
    ];
    const counts = [];
    for (const query of queries) {
      const [a, b] = [await compiled.gql(query, { t: 'Three' }), await resolvers.gql(query, { t: 'Three' })];
      expect(comparable(a)).toEqual(comparable(b));
      counts.push(a.headers.get('x-sql-statements'));
    }
    expect(counts).toEqual(['1', '1', '1', '1']);
  });

  REFUSED_INSERTS.forEach(same);

  it('both databases hold the same rows and audit entries', async () => {
    const rows = async (app: TestApp) => {
      const snapshot = await app.snapshot();
      const strip = (r: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(r).filter(([k]) => !['at', 'created_at', 'updated_at', 'password_hash'].includes(k)));
      return Object.fromEntries(Object.entries(snapshot).map(([t, list]) => [t, (list as Record<string, unknown>[]).map(strip)]));
    };
    const [a, b] = await Promise.all([rows(compiled), rows(resolvers)]);
    expect(a).toEqual(b);
    expect((a.audit_entry as unknown[]).length).toBeGreaterThan(5);
  });
});
