import { startTestApp, type TestApp } from './helpers/app.js';
import { failsWithoutWriting } from './helpers/expect.js';

let app: TestApp;
let store: string;
let book: string;

const SET = 'mutation($s: ID!, $b: ID!, $q: Int!) { setStock(storeId: $s, bookId: $b, quantity: $q) { quantity book { title } store { name } } }';
const ADJUST = 'mutation($s: ID!, $b: ID!, $d: Int!) { adjustStock(storeId: $s, bookId: $b, delta: $d) { quantity } }';
const REMOVE = 'mutation($s: ID!, $b: ID!) { removeBookFromStore(storeId: $s, bookId: $b) }';

async function newBook(title: string): Promise<string> {
  const author = (
    await app.gql<{ createAuthor: { id: string } }>('mutation($e: String!) { createAuthor(input: { name: "Inv", email: $e }) { id } }', {
      e: `${title.replace(/\W/g, '')}@example.com`,
    })
  ).body.data!.createAuthor.id;
  return (
    await app.gql<{ createBook: { id: string } }>('mutation($a: ID!, $t: String!) { createBook(input: { title: $t, authorId: $a }) { id } }', {
      a: author,
      t: title,
    })
  ).body.data!.createBook.id;
}

beforeAll(async () => {
  app = await startTestApp();
  store = (await app.gql<{ createStore: { id: string } }>('mutation { createStore(input: { name: "Stockroom" }) { id } }')).body.data!.createStore.id;
  book = await newBook('Stocked');
});
afterAll(() => app.close());

describe('stock links between books and stores', () => {
  it('setStock creates the link, then overwrites the quantity', async () => {
    expect((await app.gql(SET, { s: store, b: book, q: 7 })).body.data).toEqual({
      setStock: { quantity: 7, book: { title: 'Stocked' }, store: { name: 'Stockroom' } },
    });
    expect((await app.gql(SET, { s: store, b: book, q: 3 })).body.data).toEqual({
      setStock: { quantity: 3, book: { title: 'Stocked' }, store: { name: 'Stockroom' } },
    });
    expect((await app.pg.query('SELECT quantity FROM inventory')).rows).toEqual([{ quantity: 3 }]);
  });

  it('adjustStock adds and subtracts, and refuses to go below 0 with CONFLICT', async () => {
    await app.gql(SET, { s: store, b: book, q: 3 });
    expect((await app.gql(ADJUST, { s: store, b: book, d: 4 })).body.data).toEqual({ adjustStock: { quantity: 7 } });
    expect((await app.gql(ADJUST, { s: store, b: book, d: -7 })).body.data).toEqual({ adjustStock: { quantity: 0 } });
    const error = await failsWithoutWriting(app, 'CONFLICT', ADJUST, { s: store, b: book, d: -1 });
    expect(error.extensions).toEqual({ code: 'CONFLICT', fields: [{ path: 'delta', message: 'would go below 0' }] });
  });

  it('adjustStock on a missing link starts from 0', async () => {
    const fresh = await newBook('Fresh Stock');
    expect((await failsWithoutWriting(app, 'CONFLICT', ADJUST, { s: store, b: fresh, d: -2 })).extensions.code).toBe('CONFLICT');
    expect((await app.gql(ADJUST, { s: store, b: fresh, d: 2 })).body.data).toEqual({ adjustStock: { quantity: 2 } });
  });

  it('refuses a negative setStock quantity with BAD_USER_INPUT', async () => {
    const error = await failsWithoutWriting(app, 'BAD_USER_INPUT', SET, { s: store, b: book, q: -1 });
    expect(error.extensions.fields).toEqual([{ path: 'quantity', message: 'must be 0 or more' }]);
  });

  it('answers NOT_FOUND naming the missing book or store for every stock mutation', async () => {
    for (const [query, extra] of [
      [SET, { q: 1 }],
      [ADJUST, { d: 1 }],
      [REMOVE, {}],
    ] as const) {
      expect((await failsWithoutWriting(app, 'NOT_FOUND', query, { s: '99999', b: book, ...extra })).extensions).toEqual({
        code: 'NOT_FOUND',
        entity: 'Store',
        id: '99999',
      });
      expect((await failsWithoutWriting(app, 'NOT_FOUND', query, { s: store, b: '99999', ...extra })).extensions).toEqual({
        code: 'NOT_FOUND',
        entity: 'Book',
        id: '99999',
      });
    }
  });

  it('removeBookFromStore removes the link, and says false when there was none', async () => {
    const b = await newBook('Removable');
    await app.gql(SET, { s: store, b, q: 1 });
    expect((await app.gql(REMOVE, { s: store, b })).body).toEqual({ data: { removeBookFromStore: true } });
    expect((await app.gql(REMOVE, { s: store, b })).body).toEqual({ data: { removeBookFromStore: false } });
  });

  it('is atomic under concurrency: 60 × adjustStock(-1) on 50 leave 0 with exactly 10 CONFLICTs', async () => {
    const b = await newBook('Hot Item');
    await app.gql(SET, { s: store, b, q: 50 });
    const results = await Promise.all(Array.from({ length: 60 }, () => app.gql(ADJUST, { s: store, b, d: -1 })));
    const codes = results.map((r) => (r.body.errors ? String(r.body.errors[0].extensions.code) : 'OK'));
    expect({ ok: codes.filter((c) => c === 'OK').length, conflict: codes.filter((c) => c === 'CONFLICT').length }).toEqual({ ok: 50, conflict: 10 });
    expect((await app.pg.query('SELECT quantity FROM inventory WHERE book_id = $1', [b])).rows).toEqual([{ quantity: 0 }]);
  });
});
