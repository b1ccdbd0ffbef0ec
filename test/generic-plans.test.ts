import { sql } from '../src/query/sql.js';
import { startTestApp, type TestApp } from './helpers/app.js';

// Every statement is prepared once per connection (database.ts nameOf). PostgreSQL re-plans a
// prepared statement on every run while its generic plan looks dearer than the custom plans of
// its first runs: it guesses a bound LIMIT at a tenth of the rows and unnest of bound arrays at 10
// rows. Single-row writes and pages then spent as long planning as running (issue 14's bench), so
// their statements are written to settle: these tests read the connection's pg_prepared_statements.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ DB_POOL_MAX: '1' }); // every statement on one connection, whose prepared statements we read
});
afterAll(() => app.close());

async function ok<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await app.gql<T>(query, variables);
  expect(res.body.errors).toBeUndefined();
  return res.body.data!;
}

/**
 * Each prepared statement whose text matches `like` and that ran more than the 5 custom-planned
 * runs PostgreSQL starts with: what it does (`pick`, a regexp) and whether it settled on its generic plan.
 * A DataLoader's batch (unnest of the parents' ids, resolver path) is left out: its best plan
 * depends on how many parents it has, which only a custom plan knows.
 */
const settled = (like: string, pick: string) =>
  app.db.query<{ does: string; generic: boolean }>(
    sql`SELECT substring("statement" from ${pick}) AS "does", "generic_plans" > 0 AS "generic" FROM pg_prepared_statements
      WHERE "statement" LIKE ${like} AND "generic_plans" + "custom_plans" > 5 AND "statement" NOT LIKE ${'%FROM unnest(%::int[])%'} ORDER BY 1, "statement"`,
  );

it("a single-row mutation's statement settles on PostgreSQL's generic plan after its first runs", async () => {
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
  // createAuthor, createBook, createStore, setStock, adjustStock, upsertStore.
  expect(await settled('WITH "w" AS (INSERT%', 'INSERT INTO "[a-z_]+"')).toEqual(
    ['author', 'book', 'inventory', 'inventory', 'store', 'store'].map((table) => ({ does: `INSERT INTO "${table}"`, generic: true })),
  );
});

it('a first page by offset, and every page by cursor, settle on the generic plan', async () => {
  const { createAuthor: a } = await ok<{ createAuthor: { id: string } }>('mutation { createAuthor(input: { name: "P", email: "p@example.com" }) { id } }');
  await ok('mutation($inputs: [CreateBookInput!]!) { createBooks(inputs: $inputs) { id } }', {
    inputs: Array.from({ length: 30 }, (_, i) => ({ title: `Page ${String(i).padStart(2, '0')}`, authorId: a.id })),
  });
  let after: string | null = null;
  for (let i = 0; i < 8; i++) {
    await ok('query($l: Int) { books(limit: $l, orderBy: [{ title: ASC }]) { items { title } hasNextPage } }', { l: 3 });
    await ok('query($l: Int) { authors(limit: $l) { items { name books(limit: 2) { items { title } } } } }', { l: 2 });
    const page: { booksConnection: { pageInfo: { endCursor: string } } } = await ok(
      'query($a: String) { booksConnection(first: 3, after: $a, orderBy: [{ title: ASC }]) { edges { node { title } } pageInfo { endCursor } } }',
      { a: after },
    );
    after = i < 4 ? page.booksConnection.pageInfo.endCursor : after; // the first pages, then one page again and again
  }
  const pages = await settled('%LIMIT%', 'LIMIT [0-9]+');
  expect(pages.length).toBeGreaterThanOrEqual(3);
  expect(pages).toEqual(pages.map(({ does }) => ({ does, generic: true })));
});
