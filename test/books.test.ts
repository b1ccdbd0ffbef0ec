import { startTestApp, type TestApp } from './helpers/app.js';
import { failsWithoutWriting } from './helpers/expect.js';

let app: TestApp;
let authorId: string;
let otherAuthorId: string;

const CREATE = 'mutation($input: CreateBookInput!) { createBook(input: $input) { id title isbn publishedYear price author { id name } } }';
const UPDATE = 'mutation($id: ID!, $input: UpdateBookInput!) { updateBook(id: $id, input: $input) { id title isbn publishedYear price author { name } } }';
const DELETE = 'mutation($id: ID!) { deleteBook(id: $id) }';

type BookOut = { id: string; title: string; isbn: string | null; publishedYear: number | null; price: number | null };

async function create(input: Record<string, unknown>): Promise<BookOut> {
  const res = await app.gql<{ createBook: BookOut }>(CREATE, { input: { authorId, ...input } });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.createBook;
}

beforeAll(async () => {
  app = await startTestApp();
  const make = async (name: string, email: string) =>
    (await app.gql<{ createAuthor: { id: string } }>('mutation($i: CreateAuthorInput!) { createAuthor(input: $i) { id } }', { i: { name, email } })).body.data!
      .createAuthor.id;
  authorId = await make('Book Writer', 'writer@example.com');
  otherAuthorId = await make('Other Writer', 'other@example.com');
});
afterAll(() => app.close());

describe('books: create, read, update, delete', () => {
  it('creates a book, storing an ISBN-10 as ISBN-13 and the price as a number', async () => {
    const res = await app.gql(CREATE, { input: { title: 'Dune', authorId, isbn: '0-306-40615-2', publishedYear: 1965, price: 9.99 } });
    expect(res.body.data).toEqual({
      createBook: {
        id: expect.any(String),
        title: 'Dune',
        isbn: '9780306406157',
        publishedYear: 1965,
        price: 9.99,
        author: { id: authorId, name: 'Book Writer' },
      },
    });
    const { rows } = await app.pg.query('SELECT price::text, version FROM book WHERE title = $1', ['Dune']);
    expect(rows).toEqual([{ price: '9.99', version: 1 }]);
  });

  it('reads a book by id with its author, and the author with the book', async () => {
    const b = await create({ title: 'Readable', price: 0 });
    const res = await app.gql(
      `query($id: ID!) { book(id: $id) { title price author { name books(filter: { title: { eq: "Readable" } }) { items { id } } } } }`,
      { id: b.id },
    );
    expect(res.body.data).toEqual({ book: { title: 'Readable', price: 0, author: { name: 'Book Writer', books: { items: [{ id: b.id }] } } } });
  });

  it('updates given fields, moves the book to another author, clears optional fields with null, bumps version', async () => {
    const b = await create({ title: 'Mutable', isbn: '978-0-13-468599-1', publishedYear: 2001, price: 20 });
    const res = await app.gql(UPDATE, { id: b.id, input: { title: 'Mutated', authorId: otherAuthorId, price: 25.5 } });
    expect(res.body.data).toEqual({
      updateBook: { id: b.id, title: 'Mutated', isbn: '9780134685991', publishedYear: 2001, price: 25.5, author: { name: 'Other Writer' } },
    });
    const cleared = await app.gql(UPDATE, { id: b.id, input: { isbn: null, publishedYear: null, price: null } });
    expect(cleared.body.data).toEqual({
      updateBook: { id: b.id, title: 'Mutated', isbn: null, publishedYear: null, price: null, author: { name: 'Other Writer' } },
    });
    const { rows } = await app.pg.query('SELECT version FROM book WHERE id = $1', [b.id]);
    expect(rows).toEqual([{ version: 3 }]);
  });

  it('deletes a book together with its inventory rows', async () => {
    const b = await create({ title: 'Short-lived' });
    const store = (await app.gql<{ createStore: { id: string } }>('mutation { createStore(input: { name: "Delete Test Store" }) { id } }')).body.data!
      .createStore.id;
    await app.gql('mutation($s: ID!, $b: ID!) { setStock(storeId: $s, bookId: $b, quantity: 3) { quantity } }', { s: store, b: b.id });
    expect((await app.gql(DELETE, { id: b.id })).body).toEqual({ data: { deleteBook: b.id } });
    const { rows } = await app.pg.query('SELECT count(*)::int AS n FROM inventory WHERE book_id = $1', [b.id]);
    expect(rows).toEqual([{ n: 0 }]);
  });
});

describe('books: validation and errors', () => {
  const year = new Date().getFullYear();
  it.each([
    ['an empty title', { title: '' }, 'input.title', 'must be 1 to 500 characters'],
    ['a bad ISBN checksum', { title: 'T', isbn: '0-306-40615-3' }, 'input.isbn', 'must be a valid ISBN-10 or ISBN-13'],
    ['a non-ISBN', { title: 'T', isbn: 'hello' }, 'input.isbn', 'must be a valid ISBN-10 or ISBN-13'],
    ['year 999', { title: 'T', publishedYear: 999 }, 'input.publishedYear', 'must be between 1000 and next year'],
    [`year ${year + 2}`, { title: 'T', publishedYear: year + 2 }, 'input.publishedYear', 'must be between 1000 and next year'],
    ['a negative price', { title: 'T', price: -0.01 }, 'input.price', 'must be between 0 and 99999999.99'],
    ['a price over numeric(10,2)', { title: 'T', price: 1e8 }, 'input.price', 'must be between 0 and 99999999.99'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_case, input, path, message) => {
    const error = await failsWithoutWriting(app, 'BAD_USER_INPUT', CREATE, { input: { authorId, ...input } });
    expect(error.extensions.fields).toEqual([{ path, message }]);
  });

  it('accepts the edges: year 1000 and next year, price 0', async () => {
    expect((await create({ title: 'Old', publishedYear: 1000, price: 0 })).publishedYear).toBe(1000);
    expect((await create({ title: 'New', publishedYear: year + 1 })).publishedYear).toBe(year + 1);
  });

  it('refuses an unknown or malformed author id with BAD_USER_INPUT', async () => {
    const unknown = await failsWithoutWriting(app, 'BAD_USER_INPUT', CREATE, { input: { title: 'Orphan', authorId: '999999' } });
    expect(unknown.extensions.fields).toEqual([{ path: 'input.authorId', message: 'no author has this id' }]);
    const malformed = await failsWithoutWriting(app, 'BAD_USER_INPUT', CREATE, { input: { title: 'Orphan', authorId: 'x' } });
    expect(malformed.extensions.fields).toEqual([{ path: 'input.authorId', message: 'is not a valid id' }]);
  });

  it('refuses a duplicate ISBN (either form) with CONFLICT on the isbn field', async () => {
    await create({ title: 'Original', isbn: '9781566199094' });
    const error = await failsWithoutWriting(app, 'CONFLICT', CREATE, { input: { title: 'Copy', authorId, isbn: '1-56619-909-3' } });
    expect(error.extensions).toEqual({ code: 'CONFLICT', fields: [{ path: 'input.isbn', message: 'is already taken' }] });
  });

  it('refuses null title and null author on update', async () => {
    const b = await create({ title: 'Has Title' });
    const t = await failsWithoutWriting(app, 'BAD_USER_INPUT', UPDATE, { id: b.id, input: { title: null } });
    expect(t.extensions.fields).toEqual([{ path: 'input.title', message: 'must be 1 to 500 characters' }]);
    const a = await failsWithoutWriting(app, 'BAD_USER_INPUT', UPDATE, { id: b.id, input: { authorId: null } });
    expect(a.extensions.fields).toEqual([{ path: 'input.authorId', message: 'may not be null' }]);
  });

  it('answers NOT_FOUND for update and delete of a missing book', async () => {
    expect((await failsWithoutWriting(app, 'NOT_FOUND', UPDATE, { id: '424242', input: { title: 'X' } })).extensions).toEqual({
      code: 'NOT_FOUND',
      entity: 'Book',
      id: '424242',
    });
    expect((await failsWithoutWriting(app, 'NOT_FOUND', DELETE, { id: '424242' })).extensions).toEqual({ code: 'NOT_FOUND', entity: 'Book', id: '424242' });
  });

  it('lets exactly one of two concurrent updates win; the other gets CONFLICT', async () => {
    const b = await create({ title: 'Contended' });
    const results = await Promise.all(['A', 'B', 'C', 'D'].map((t) => app.gql(UPDATE, { id: b.id, input: { title: t } })));
    const codes = results.map((r) => r.body.errors?.[0]?.extensions.code ?? 'OK');
    expect(codes.filter((c) => c === 'OK').length).toBeGreaterThanOrEqual(1);
    expect(codes.every((c) => c === 'OK' || c === 'CONFLICT')).toBe(true);
    const { rows } = await app.pg.query('SELECT title, version FROM book WHERE id = $1', [b.id]);
    expect(rows[0].version).toBe(1 + codes.filter((c) => c === 'OK').length);
  });
});
