import { sql } from '../src/query/sql.js';
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

// A write is a prepared statement (database.ts nameOf). PostgreSQL keeps re-planning one whose
// generic plan looks dearer than its custom plans (unnest of bound arrays is guessed at 10 rows):
// for a single-row write that planning cost more than the write itself (issue 14's bench).
describe("a single-row mutation's statement", () => {
  let one: TestApp;
  beforeAll(async () => {
    one = await startTestApp({ DB_POOL_MAX: '1' }); // every statement on one connection, whose prepared statements we read
  });
  afterAll(() => one.close());

  it("settles on PostgreSQL's generic plan after its first runs", async () => {
    const ok = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const res = await one.gql<T>(query, variables);
      expect(res.body.errors).toBeUndefined();
      return res.body.data!;
    };
    for (let i = 0; i < 8; i++) {
      const { createAuthor: a } = await ok<{ createAuthor: { id: string } }>('mutation($e: String!) { createAuthor(input: { name: "G", email: $e }) { id } }', {
        e: `g${i}@example.com`,
      });
      const { createBook: b } = await ok<{ createBook: { id: string } }>(
        'mutation($a: ID!) { createBook(input: { title: "G", authorId: $a }) { id author { name } } }',
        {
          a: a.id,
        },
      );
      const { createStore: s } = await ok<{ createStore: { id: string } }>('mutation($n: String!) { createStore(input: { name: $n }) { id } }', { n: `G${i}` });
      await ok('mutation($s: ID!, $b: ID!) { setStock(storeId: $s, bookId: $b, quantity: 5) { quantity } }', { s: s.id, b: b.id });
      await ok('mutation($s: ID!, $b: ID!) { adjustStock(storeId: $s, bookId: $b, delta: 1) { quantity } }', { s: s.id, b: b.id });
      await ok('mutation($n: String!) { upsertStore(input: { name: $n, city: "C" }) { id } }', { n: `U${i}` });
    }
    const plans = await one.db.query<{ write: string; generic: boolean }>(
      sql`SELECT substring("statement" from 'INSERT INTO "[a-z_]+"') AS "write", "generic_plans" > 0 AS "generic" FROM pg_prepared_statements
        WHERE "statement" LIKE 'WITH "w" AS (INSERT%' ORDER BY 1, "statement"`,
    );
    // createAuthor, createBook, createStore, setStock, adjustStock, upsertStore.
    expect(plans).toEqual(['author', 'book', 'inventory', 'inventory', 'store', 'store'].map((table) => ({ write: `INSERT INTO "${table}"`, generic: true })));
  });
});
