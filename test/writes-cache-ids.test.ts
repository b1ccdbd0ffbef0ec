import { useTestApp } from './helpers/app.js';

const app = useTestApp();

describe('Inventory.id', () => {
  it('is "<bookId>:<storeId>", the same on every path that returns a link', async () => {
    const { createAuthor } = (
      await app.gql<{ createAuthor: { id: string } }>('mutation { createAuthor(input: { name: "Ida", email: "ida@example.com" }) { id } }')
    ).body.data!;
    const { createBook } = (
      await app.gql<{ createBook: { id: string } }>('mutation($a: ID!) { createBook(input: { title: "Keys", authorId: $a }) { id } }', { a: createAuthor.id })
    ).body.data!;
    const { createStore } = (await app.gql<{ createStore: { id: string } }>('mutation { createStore(input: { name: "Keyed" }) { id } }')).body.data!;
    const id = `${createBook.id}:${createStore.id}`;
    const vars = { s: createStore.id, b: createBook.id };
    expect((await app.gql('mutation($s: ID!, $b: ID!) { setStock(storeId: $s, bookId: $b, quantity: 2) { id quantity } }', vars)).body).toEqual({
      data: { setStock: { id, quantity: 2 } },
    });
    expect((await app.gql('mutation($s: ID!, $b: ID!) { adjustStock(storeId: $s, bookId: $b, delta: 1) { id quantity } }', vars)).body).toEqual({
      data: { adjustStock: { id, quantity: 3 } },
    });
    // Reads of the id are compiled like any column: the model knows the link's key fields.
    const byBook = await app.gql('query($b: ID!) { book(id: $b) { inventory { items { id quantity } } } }', { b: createBook.id });
    expect([byBook.headers.get('x-graphql-path'), byBook.body]).toEqual(['compiled', { data: { book: { inventory: { items: [{ id, quantity: 3 }] } } } }]);
    const byStore = await app.gql('query($s: ID!) { store(id: $s) { inventory { items { id } } } }', { s: createStore.id });
    expect([byStore.headers.get('x-graphql-path'), byStore.body]).toEqual(['compiled', { data: { store: { inventory: { items: [{ id }] } } } }]);
    const audit = await app.pg.query(`SELECT DISTINCT entity_id FROM audit_entry WHERE entity = 'Inventory'`);
    expect(audit.rows).toEqual([{ entity_id: id }]);
  });
});
