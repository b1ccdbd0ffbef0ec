import { startTestApp, type TestApp } from './helpers/app.js';

// Every simple mutation (selecting only its own columns) runs at most 2 SQL statements, audit included.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

it('every simple mutation runs at most 2 statements, its audit entry included', async () => {
  const counts: Record<string, number> = {};
  async function run<T>(name: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await app.gql<Record<string, T>>(query, variables);
    expect(res.body.errors).toBeUndefined();
    counts[name] = Number(res.headers.get('x-sql-statements'));
    return res.body.data![name];
  }
  const a = await run<{ id: string }>('createAuthor', 'mutation { createAuthor(input: { name: "S", email: "s@example.com" }) { id name } }');
  await run('updateAuthor', 'mutation($id: ID!) { updateAuthor(id: $id, input: { bio: "b" }) { id bio } }', { id: a.id });
  const b = await run<{ id: string }>('createBook', 'mutation($a: ID!) { createBook(input: { title: "T", authorId: $a }) { id title } }', { a: a.id });
  await run('updateBook', 'mutation($id: ID!) { updateBook(id: $id, input: { price: 3, expectedVersion: 1 }) { id version } }', { id: b.id });
  const s = await run<{ id: string }>('createStore', 'mutation { createStore(input: { name: "St" }) { id } }');
  await run('updateStore', 'mutation($id: ID!) { updateStore(id: $id, input: { city: "C" }) { id } }', { id: s.id });
  const link = { s: s.id, b: b.id };
  await run('setStock', 'mutation($s: ID!, $b: ID!) { setStock(storeId: $s, bookId: $b, quantity: 5) { id quantity } }', link);
  await run('adjustStock', 'mutation($s: ID!, $b: ID!) { adjustStock(storeId: $s, bookId: $b, delta: 1) { id quantity } }', link);
  await run('removeBookFromStore', 'mutation($s: ID!, $b: ID!) { removeBookFromStore(storeId: $s, bookId: $b) }', link);
  await run('deleteBook', 'mutation($id: ID!) { deleteBook(id: $id) }', { id: b.id });
  await run('deleteStore', 'mutation($id: ID!) { deleteStore(id: $id) }', { id: s.id });
  await run('deleteAuthor', 'mutation($id: ID!) { deleteAuthor(id: $id) }', { id: a.id });
  console.log(`x-sql-statements per mutation: ${JSON.stringify(counts)}`);
  expect(Object.entries(counts).filter(([, n]) => n > 2)).toEqual([]);
  expect((await app.pg.query('SELECT count(*)::int AS n FROM audit_entry WHERE entity <> $1', ['User'])).rows).toEqual([{ n: 12 }]);
});
