import { startTestApp, type TestApp } from './helpers/app.js';
import { failsWithoutWriting } from './helpers/expect.js';

let app: TestApp;
let author: string;
let store: string;

const CREATE_BOOKS = 'mutation($in: [CreateBookInput!]!) { createBooks(inputs: $in) { id title isbn author { name } } }';
const CREATE_AUTHORS = 'mutation($in: [CreateAuthorInput!]!) { createAuthors(inputs: $in) { id email } }';
const SET_STOCKS = 'mutation($in: [SetStockInput!]!) { setStocks(inputs: $in) { id quantity } }';
const isbn = (n: number) => {
  const body = `978${String(n).padStart(9, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return body + ((10 - (sum % 10)) % 10);
};

beforeAll(async () => {
  app = await startTestApp();
  author = (await app.gql<{ createAuthor: { id: string } }>('mutation { createAuthor(input: { name: "Bulk", email: "bulk@example.com" }) { id } }')).body.data!
    .createAuthor.id;
  store = (await app.gql<{ createStore: { id: string } }>('mutation { createStore(input: { name: "Bulk Store" }) { id } }')).body.data!.createStore.id;
});
afterAll(() => app.close());

describe('bulk writes', () => {
  it('createBooks writes every item in input order, with one audit entry each', async () => {
    const inputs = ['A', 'B', 'C'].map((t, i) => ({ title: t, authorId: author, isbn: isbn(i + 1) }));
    const res = await app.gql<{ createBooks: { id: string; title: string }[] }>(CREATE_BOOKS, { in: inputs });
    const books = res.body.data!.createBooks;
    expect(books.map((b) => b.title)).toEqual(['A', 'B', 'C']);
    expect(res.body.data!.createBooks[0]).toEqual({ id: books[0].id, title: 'A', isbn: isbn(1), author: { name: 'Bulk' } });
    const audit = await app.pg.query(`SELECT entity_id FROM audit_entry WHERE action = 'createBook' ORDER BY id`);
    expect(audit.rows.map((r) => r.entity_id)).toEqual(books.map((b) => b.id));
  });

  it('names every invalid item and writes nothing', async () => {
    const inputs = [
      { title: 'ok', authorId: author },
      { title: 'bad', authorId: author, isbn: '123' },
      { title: ' ', authorId: author },
    ];
    const error = await failsWithoutWriting(app, 'BAD_USER_INPUT', CREATE_BOOKS, { in: inputs });
    expect(error.extensions.fields).toEqual([
      { path: 'inputs.1.isbn', message: 'must be a valid ISBN-10 or ISBN-13' },
      { path: 'inputs.2.title', message: 'must be 1 to 500 characters' },
    ]);
  });

  it('names the item whose author does not exist, or whose ISBN repeats, and writes nothing', async () => {
    const unknown = [
      { title: 'a', authorId: author },
      { title: 'b', authorId: author },
      { title: 'c', authorId: '99999' },
    ];
    expect((await failsWithoutWriting(app, 'BAD_USER_INPUT', CREATE_BOOKS, { in: unknown })).extensions.fields).toEqual([
      { path: 'inputs.2.authorId', message: 'no author has this id' },
    ]);
    const repeated = [
      { title: 'a', authorId: author, isbn: isbn(50) },
      { title: 'b', authorId: author },
      { title: 'c', authorId: author, isbn: isbn(50) },
    ];
    expect((await failsWithoutWriting(app, 'CONFLICT', CREATE_BOOKS, { in: repeated })).extensions.fields).toEqual([
      { path: 'inputs.2.isbn', message: 'repeats inputs.0' },
    ]);
    const taken = [
      { title: 'a', authorId: author },
      { title: 'b', authorId: author, isbn: isbn(1) },
    ];
    expect((await failsWithoutWriting(app, 'CONFLICT', CREATE_BOOKS, { in: taken })).extensions.fields).toEqual([
      { path: 'inputs.1.isbn', message: 'is already taken' },
    ]);
    const badId = [
      { title: 'a', authorId: author },
      { title: 'b', authorId: 'x' },
    ];
    expect((await failsWithoutWriting(app, 'BAD_USER_INPUT', CREATE_BOOKS, { in: badId })).extensions.fields).toEqual([
      { path: 'inputs.1.authorId', message: 'is not a valid id' },
    ]);
  });

  it('refuses more than 1000 items, and answers [] for none', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ name: `N${i}`, email: `n${i}@example.com` }));
    expect((await failsWithoutWriting(app, 'BAD_USER_INPUT', CREATE_AUTHORS, { in: many })).extensions.fields).toEqual([
      { path: 'inputs', message: 'must have at most 1000 items' },
    ]);
    expect((await app.gql(CREATE_AUTHORS, { in: [] })).body).toEqual({ data: { createAuthors: [] } });
  });

  it('createAuthors names an email already taken (case-insensitive)', async () => {
    const inputs = [
      { name: 'x', email: 'x1@example.com' },
      { name: 'y', email: 'BULK@example.com' },
    ];
    expect((await failsWithoutWriting(app, 'CONFLICT', CREATE_AUTHORS, { in: inputs })).extensions.fields).toEqual([
      { path: 'inputs.1.email', message: 'is already taken' },
    ]);
    expect((await app.gql(CREATE_AUTHORS, { in: inputs.slice(0, 1) })).body.data).toEqual({
      createAuthors: [{ id: expect.any(String), email: 'x1@example.com' }],
    });
  });

  it('setStocks sets many links at once; a missing store or a repeated link names its item', async () => {
    const [b1, b2] = (
      await app.gql<{ createBooks: { id: string }[] }>(CREATE_BOOKS, {
        in: [
          { title: 's1', authorId: author },
          { title: 's2', authorId: author },
        ],
      })
    ).body.data!.createBooks.map((b) => b.id);
    const res = await app.gql(SET_STOCKS, {
      in: [
        { storeId: store, bookId: b2, quantity: 4 },
        { storeId: store, bookId: b1, quantity: 0 },
      ],
    });
    expect(res.body).toEqual({
      data: {
        setStocks: [
          { id: `${b2}:${store}`, quantity: 4 },
          { id: `${b1}:${store}`, quantity: 0 },
        ],
      },
    });
    const missing = [
      { storeId: store, bookId: b1, quantity: 1 },
      { storeId: '99999', bookId: b2, quantity: 1 },
    ];
    expect((await failsWithoutWriting(app, 'BAD_USER_INPUT', SET_STOCKS, { in: missing })).extensions.fields).toEqual([
      { path: 'inputs.1.storeId', message: 'no store has this id' },
    ]);
    const twice = [
      { storeId: store, bookId: b1, quantity: 1 },
      { storeId: store, bookId: b1, quantity: 2 },
    ];
    expect((await failsWithoutWriting(app, 'BAD_USER_INPUT', SET_STOCKS, { in: twice })).extensions.fields).toEqual([
      { path: 'inputs.1.storeId', message: 'repeats inputs.0' },
    ]);
    const negative = [{ storeId: store, bookId: b1, quantity: -1 }];
    expect((await failsWithoutWriting(app, 'BAD_USER_INPUT', SET_STOCKS, { in: negative })).extensions.fields).toEqual([
      { path: 'inputs.0.quantity', message: 'must be 0 or more' },
    ]);
  });

  it('writes 1000 books in one request, and one bad item among 1000 writes nothing', async () => {
    const inputs = Array.from({ length: 1000 }, (_, i) => ({ title: `Volume ${i}`, authorId: author, isbn: isbn(1000 + i), price: 9.5, stock: undefined }));
    const started = process.hrtime.bigint();
    const res = await app.gql<{ createBooks: { id: string }[] }>('mutation($in: [CreateBookInput!]!) { createBooks(inputs: $in) { id } }', { in: inputs });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`createBooks of 1000 items: ${ms.toFixed(0)} ms, ${res.headers.get('x-sql-statements')} statement(s)`);
    expect(res.body.data!.createBooks).toHaveLength(1000);
    const bad = inputs.map((b, i) => ({ ...b, isbn: isbn(5000 + i), authorId: i === 737 ? '99999' : author }));
    expect((await failsWithoutWriting(app, 'BAD_USER_INPUT', CREATE_BOOKS, { in: bad })).extensions.fields).toEqual([
      { path: 'inputs.737.authorId', message: 'no author has this id' },
    ]);
  });
});
