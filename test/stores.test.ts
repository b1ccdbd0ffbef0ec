import { startTestApp, type TestApp } from './helpers/app.js';
import { failsWithoutWriting } from './helpers/expect.js';

let app: TestApp;
beforeAll(async () => (app = await startTestApp()));
afterAll(() => app.close());

const CREATE = 'mutation($input: CreateStoreInput!) { createStore(input: $input) { id name city } }';
const UPDATE = 'mutation($id: ID!, $input: UpdateStoreInput!) { updateStore(id: $id, input: $input) { id name city } }';
const DELETE = 'mutation($id: ID!) { deleteStore(id: $id) }';

async function create(input: Record<string, unknown>): Promise<{ id: string; name: string; city: string | null }> {
  const res = await app.gql<{ createStore: { id: string; name: string; city: string | null } }>(CREATE, { input });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.createStore;
}

describe('stores: create, read, update, delete', () => {
  it('creates and reads a store', async () => {
    const s = await create({ name: 'Blackwell', city: 'Oxford' });
    expect(s).toEqual({ id: expect.any(String), name: 'Blackwell', city: 'Oxford' });
    const res = await app.gql(
      'query($id: ID!) { store(id: $id) { name city bookCount books { totalCount items { id } } inventory { totalCount items { quantity } } } }',
      { id: s.id },
    );
    expect(res.body.data).toEqual({
      store: { name: 'Blackwell', city: 'Oxford', bookCount: 0, books: { totalCount: 0, items: [] }, inventory: { totalCount: 0, items: [] } },
    });
  });

  it('updates given fields and clears the city with null', async () => {
    const s = await create({ name: 'Foyles', city: 'London' });
    expect((await app.gql(UPDATE, { id: s.id, input: { name: 'Foyles Charing Cross' } })).body.data).toEqual({
      updateStore: { id: s.id, name: 'Foyles Charing Cross', city: 'London' },
    });
    expect((await app.gql(UPDATE, { id: s.id, input: { city: null } })).body.data).toEqual({
      updateStore: { id: s.id, name: 'Foyles Charing Cross', city: null },
    });
  });

  it('deletes a store with its inventory rows but keeps the books', async () => {
    const s = await create({ name: 'Closing Down' });
    const author = (await app.gql<{ createAuthor: { id: string } }>('mutation { createAuthor(input: { name: "S", email: "s@example.com" }) { id } }')).body
      .data!.createAuthor.id;
    const book = (
      await app.gql<{ createBook: { id: string } }>('mutation($a: ID!) { createBook(input: { title: "Survivor", authorId: $a }) { id } }', { a: author })
    ).body.data!.createBook.id;
    await app.gql('mutation($s: ID!, $b: ID!) { setStock(storeId: $s, bookId: $b, quantity: 2) { quantity } }', { s: s.id, b: book });
    expect((await app.gql(DELETE, { id: s.id })).body).toEqual({ data: { deleteStore: s.id } });
    expect((await app.gql('query($b: ID!) { book(id: $b) { title stores { totalCount } totalStock } }', { b: book })).body.data).toEqual({
      book: { title: 'Survivor', stores: { totalCount: 0 }, totalStock: 0 },
    });
  });
});

describe('stores: validation and errors', () => {
  it('refuses an empty or too long name, and a too long city', async () => {
    expect((await failsWithoutWriting(app, 'BAD_USER_INPUT', CREATE, { input: { name: '' } })).extensions.fields).toEqual([
      { path: 'input.name', message: 'must be 1 to 200 characters' },
    ]);
    expect((await failsWithoutWriting(app, 'BAD_USER_INPUT', CREATE, { input: { name: 'x'.repeat(201) } })).extensions.fields).toEqual([
      { path: 'input.name', message: 'must be 1 to 200 characters' },
    ]);
    expect((await failsWithoutWriting(app, 'BAD_USER_INPUT', CREATE, { input: { name: 'ok', city: 'c'.repeat(201) } })).extensions.fields).toEqual([
      { path: 'input.city', message: 'must be at most 200 characters' },
    ]);
  });

  it('refuses a taken name in any case with CONFLICT, on create and on update', async () => {
    await create({ name: 'Waterstones' });
    const other = await create({ name: 'Hatchards' });
    expect((await failsWithoutWriting(app, 'CONFLICT', CREATE, { input: { name: 'WATERSTONES' } })).extensions).toEqual({
      code: 'CONFLICT',
      fields: [{ path: 'input.name', message: 'is already taken' }],
    });
    expect((await failsWithoutWriting(app, 'CONFLICT', UPDATE, { id: other.id, input: { name: 'waterstones' } })).extensions.code).toBe('CONFLICT');
  });

  it('answers NOT_FOUND for update and delete of a missing store', async () => {
    expect((await failsWithoutWriting(app, 'NOT_FOUND', UPDATE, { id: '77777', input: { name: 'X' } })).extensions).toEqual({
      code: 'NOT_FOUND',
      entity: 'Store',
      id: '77777',
    });
    expect((await failsWithoutWriting(app, 'NOT_FOUND', DELETE, { id: '77777' })).extensions).toEqual({ code: 'NOT_FOUND', entity: 'Store', id: '77777' });
  });
});
