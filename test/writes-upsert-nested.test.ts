import { startTestApp, type TestApp } from './helpers/app.js';
import { failsWithoutWriting } from './helpers/expect.js';

let app: TestApp;
let author: string;
let store: string;

const UPSERT_AUTHOR = 'mutation($in: CreateAuthorInput!) { upsertAuthor(input: $in) { id name email } }';
const actions = async (entity: string) =>
  (await app.pg.query('SELECT action, changes FROM audit_entry WHERE entity = $1 ORDER BY id', [entity])).rows as { action: string; changes: unknown }[];

beforeAll(async () => {
  app = await startTestApp();
  author = (await app.gql<{ createAuthor: { id: string } }>('mutation { createAuthor(input: { name: "Nest", email: "nest@example.com" }) { id } }')).body.data!
    .createAuthor.id;
  store = (await app.gql<{ createStore: { id: string } }>('mutation { createStore(input: { name: "Nest Store" }) { id } }')).body.data!.createStore.id;
});
afterAll(() => app.close());

describe('upserts', () => {
  it('upsertAuthor inserts, then updates the author with that email (case-insensitive); the audit says which', async () => {
    const first = (await app.gql<{ upsertAuthor: { id: string } }>(UPSERT_AUTHOR, { in: { name: 'Uma', email: 'uma@example.com' } })).body.data!.upsertAuthor;
    const again = await app.gql(UPSERT_AUTHOR, { in: { name: 'Uma K', email: 'UMA@example.com' } });
    expect(again.body).toEqual({ data: { upsertAuthor: { id: first.id, name: 'Uma K', email: 'UMA@example.com' } } });
    expect((await actions('Author')).slice(-2)).toEqual([
      { action: 'upsertAuthor:inserted', changes: { name: { from: null, to: 'Uma' }, email: { from: null, to: 'uma@example.com' } } },
      { action: 'upsertAuthor:updated', changes: { name: { from: 'Uma', to: 'Uma K' }, email: { from: 'uma@example.com', to: 'UMA@example.com' } } },
    ]);
  });

  it('20 concurrent upsertAuthor of one email leave exactly one row and no error', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => app.gql(UPSERT_AUTHOR, { in: { name: `Racer ${i}`, email: 'race@example.com' } })));
    expect(results.filter((r) => r.body.errors)).toEqual([]);
    expect(new Set(results.map((r) => (r.body.data as { upsertAuthor: { id: string } }).upsertAuthor.id)).size).toBe(1);
    expect((await app.pg.query(`SELECT count(*)::int AS n FROM author WHERE lower(email) = 'race@example.com'`)).rows).toEqual([{ n: 1 }]);
    const audit = (await actions('Author')).filter((a) => a.action.startsWith('upsertAuthor'));
    expect(audit.filter((a) => a.action === 'upsertAuthor:inserted')).toHaveLength(2); // Uma's and this one
  });

  it('upsertStore by name and upsertBook by ISBN update in place; upsertBook needs an ISBN', async () => {
    const s1 = (await app.gql<{ upsertStore: { id: string } }>('mutation { upsertStore(input: { name: "Kiosk", city: "Oslo" }) { id } }')).body.data!
      .upsertStore;
    expect((await app.gql('mutation { upsertStore(input: { name: "KIOSK", city: "Bergen" }) { id name city } }')).body).toEqual({
      data: { upsertStore: { id: s1.id, name: 'KIOSK', city: 'Bergen' } },
    });
    const UPSERT_BOOK = 'mutation($in: CreateBookInput!) { upsertBook(input: $in) { id title version } }';
    const b1 = (await app.gql<{ upsertBook: { id: string } }>(UPSERT_BOOK, { in: { title: 'First', authorId: author, isbn: '978-0-306-40615-7' } })).body.data!
      .upsertBook;
    expect((await app.gql(UPSERT_BOOK, { in: { title: 'Second', authorId: author, isbn: '9780306406157' } })).body).toEqual({
      data: { upsertBook: { id: b1.id, title: 'Second', version: 2 } },
    });
    expect((await app.gql(UPSERT_BOOK, { in: { title: 'Second', authorId: author, isbn: '9780306406157' } })).body).toEqual({
      data: { upsertBook: { id: b1.id, title: 'Second', version: 2 } },
    });
    expect((await failsWithoutWriting(app, 'BAD_USER_INPUT', UPSERT_BOOK, { in: { title: 'No key', authorId: author } })).extensions.fields).toEqual([
      { path: 'input.isbn', message: 'is required to upsert a book' },
    ]);
    expect(
      (await failsWithoutWriting(app, 'BAD_USER_INPUT', UPSERT_BOOK, { in: { title: 'x', authorId: '99999', isbn: '9780306406157' } })).extensions.fields,
    ).toEqual([{ path: 'input.authorId', message: 'no author has this id' }]);
  });
});

describe('nested creates', () => {
  const CREATE_AUTHOR = 'mutation($in: CreateAuthorInput!) { createAuthor(input: $in) { name books { totalCount items { title totalStock } } } }';

  it('createAuthor with books (and their stock) writes them all in one transaction', async () => {
    const input = { name: 'Nora', email: 'nora@example.com', books: [{ title: 'One', stock: [{ storeId: store, quantity: 2 }] }, { title: 'Two' }] };
    expect((await app.gql(CREATE_AUTHOR, { in: input })).body).toEqual({
      data: {
        createAuthor: {
          name: 'Nora',
          books: {
            totalCount: 2,
            items: [
              { title: 'One', totalStock: 2 },
              { title: 'Two', totalStock: 0 },
            ],
          },
        },
      },
    });
  });

  it('names the nested item at fault and writes nothing', async () => {
    const invalid = { name: 'Nils', email: 'nils@example.com', books: [{ title: 'ok' }, { title: 'bad', isbn: '1' }] };
    expect((await failsWithoutWriting(app, 'BAD_USER_INPUT', CREATE_AUTHOR, { in: invalid })).extensions.fields).toEqual([
      { path: 'input.books.1.isbn', message: 'must be a valid ISBN-10 or ISBN-13' },
    ]);
    const noStore = {
      name: 'Nils',
      email: 'nils@example.com',
      books: [
        { title: 'ok' },
        {
          title: 'two',
          stock: [
            { storeId: store, quantity: 1 },
            { storeId: '99999', quantity: 1 },
          ],
        },
      ],
    };
    expect((await failsWithoutWriting(app, 'BAD_USER_INPUT', CREATE_AUTHOR, { in: noStore })).extensions.fields).toEqual([
      { path: 'input.books.1.stock.1.storeId', message: 'no store has this id' },
    ]);
    const repeated = { name: 'Nils', email: 'nils@example.com', books: [{ title: 'a', isbn: '9780306406157' }] };
    expect((await failsWithoutWriting(app, 'CONFLICT', CREATE_AUTHOR, { in: repeated })).extensions.fields).toEqual([
      { path: 'input.books.0.isbn', message: 'is already taken' },
    ]);
  });

  it('createBook with stock sets it; a bad stock item is named at input.stock.<i>', async () => {
    const CREATE_BOOK = 'mutation($in: CreateBookInput!) { createBook(input: $in) { title inventory { items { id quantity } } } }';
    const res = await app.gql<{ createBook: { inventory: { items: { id: string }[] } } }>(CREATE_BOOK, {
      in: { title: 'Stocked', authorId: author, stock: [{ storeId: store, quantity: 5 }] },
    });
    expect(res.body.data!.createBook).toEqual({
      title: 'Stocked',
      inventory: { items: [{ id: expect.stringMatching(new RegExp(`^\\d+:${store}$`)), quantity: 5 }] },
    });
    const bad = { title: 'x', authorId: author, stock: [{ storeId: store, quantity: -1 }] };
    expect((await failsWithoutWriting(app, 'BAD_USER_INPUT', CREATE_BOOK, { in: bad })).extensions.fields).toEqual([
      { path: 'input.stock.0.quantity', message: 'must be 0 or more' },
    ]);
    const missing = { title: 'x', authorId: author, stock: [{ storeId: '99999', quantity: 1 }] };
    expect((await failsWithoutWriting(app, 'BAD_USER_INPUT', CREATE_BOOK, { in: missing })).extensions.fields).toEqual([
      { path: 'input.stock.0.storeId', message: 'no store has this id' },
    ]);
  });
});

describe('races', () => {
  it('a bulk create racing a delete of its author is all or nothing', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 5; round++) {
      const a = (
        await app.gql<{ createAuthor: { id: string } }>('mutation($e: String!) { createAuthor(input: { name: "Gone", email: $e }) { id } }', {
          e: `gone${round}@example.com`,
        })
      ).body.data!.createAuthor.id;
      const inputs = Array.from({ length: 200 }, (_, i) => ({ title: `R${round}-${i}`, authorId: a }));
      const [bulk, del] = await Promise.all([
        app.gql('mutation($in: [CreateBookInput!]!) { createBooks(inputs: $in) { id } }', { in: inputs }),
        app.gql('mutation($a: ID!) { deleteAuthor(id: $a) }', { a }),
      ]);
      const books = (await app.pg.query('SELECT count(*)::int AS n FROM book WHERE author_id = $1', [a])).rows[0].n;
      const code = (r: typeof bulk) => (r.body.errors ? String(r.body.errors[0].extensions.code) : 'OK');
      outcomes.push(`${code(bulk)}/${code(del)}`);
      if (code(bulk) === 'OK') expect([books, code(del)]).toEqual([200, 'CONFLICT']);
      else expect([books, code(bulk), code(del)]).toEqual([0, 'BAD_USER_INPUT', 'OK']);
    }
    console.log(`createBooks vs deleteAuthor outcomes: ${outcomes.join(', ')}`);
  });

  it('60 concurrent adjustStock(+1) on a new link count exactly 60', async () => {
    const b = (await app.gql<{ createBook: { id: string } }>('mutation($a: ID!) { createBook(input: { title: "Hot", authorId: $a }) { id } }', { a: author }))
      .body.data!.createBook.id;
    const results = await Promise.all(
      Array.from({ length: 60 }, () => app.gql('mutation($s: ID!, $b: ID!) { adjustStock(storeId: $s, bookId: $b, delta: 1) { quantity } }', { s: store, b })),
    );
    expect(results.filter((r) => r.body.errors)).toEqual([]);
    expect((await app.pg.query('SELECT quantity FROM inventory WHERE book_id = $1', [b])).rows).toEqual([{ quantity: 60 }]);
    expect((await app.pg.query(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'adjustStock' AND entity_id = $1`, [`${b}:${store}`])).rows).toEqual([
      { n: 60 },
    ]);
  });
});
