import { listStatement } from '../src/query/list-query.js';
import { BookModel } from '../src/query/model.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { statementsPerPath } from './helpers/read-path.js';

let app: TestApp;

// 30 authors x 8 books; each book in 6 of 10 stores: enough rows that every nested limit bites.
const VOLUME_SQL = `
INSERT INTO author (name, email) SELECT 'Author ' || i, 'author' || i || '@example.com' FROM generate_series(1, 30) i;
INSERT INTO store (name, city) SELECT 'Store ' || i, 'City ' || (i % 3) FROM generate_series(1, 10) i;
INSERT INTO book (title, author_id, price, published_year)
  SELECT 'Book ' || a || '-' || b, a, (a * b) % 50, 1990 + b FROM generate_series(1, 30) a, generate_series(1, 8) b;
INSERT INTO inventory (book_id, store_id, quantity)
  SELECT bk.id, s, (bk.id + s) % 7 FROM book bk, generate_series(1, 10) s WHERE (bk.id + s) % 10 < 6;
ANALYZE;
`;

async function statements(query: string): Promise<{ count: number; errors: unknown }> {
  const res = await app.gql(query);
  return { count: Number(res.headers.get('x-sql-statements')), errors: res.body.errors };
}

// Each statement count says what each read path promises (helpers/read-path.ts): the compiled
// path one statement for any read query; the DataLoaders one per level. This file runs on the
// compiled path; test/resolver-path/batching.test.ts runs it on the resolvers.
beforeAll(async () => {
  app = await startTestApp();
  await app.pg.query(VOLUME_SQL);
});
afterAll(() => app.close());

describe('batched loading: one statement per level (resolvers), one in all (compiled)', () => {
  const THREE_LEVELS = '{ authors(limit: 20) { items { name books(limit: 5) { items { title stores(limit: 5) { items { name } } } } } } }';

  it('authors → books → stores runs 3 statements (resolvers) or 1 (compiled)', async () => {
    expect(await statements(THREE_LEVELS)).toEqual({ count: statementsPerPath(3), errors: undefined });
  });

  it('returns the right shape: 20 authors, 5 books each, 5 stores each', async () => {
    const res = await app.gql<{ authors: { items: { books: { items: { stores: { items: unknown[] } }[] } }[] } }>(THREE_LEVELS);
    const authors = res.body.data!.authors.items;
    expect([authors.length, authors.map((a) => a.books.items.length), authors.flatMap((a) => a.books.items.map((b) => b.stores.items.length))]).toEqual([
      20,
      Array(20).fill(5),
      Array(100).fill(5),
    ]);
  });

  it('adding a top-level totalCount adds one statement; nested totalCounts add one per level', async () => {
    expect(await statements(THREE_LEVELS.replace('authors(limit: 20) {', 'authors(limit: 20) { totalCount'))).toEqual({
      count: statementsPerPath(4),
      errors: undefined,
    });
    expect(await statements('{ authors(limit: 20) { items { books(limit: 5) { totalCount items { title } } } } }')).toEqual({
      count: statementsPerPath(3),
      errors: undefined,
    });
  });

  it('bookCount on 20 authors is one statement (plus the list)', async () => {
    expect(await statements('{ authors(limit: 20) { items { name bookCount } } }')).toEqual({ count: statementsPerPath(2), errors: undefined });
  });

  it('Book.author, totalStock, Store.bookCount and inventory → book/store batch too', async () => {
    // The author of each book comes in the books statement itself (a LEFT JOIN that primes the author loader).
    expect(await statements('{ books(limit: 50) { items { title totalStock author { name bookCount } } } }')).toEqual({
      count: statementsPerPath(3),
      errors: undefined,
    });
    expect(await statements('{ book(id: 3) { title author { name email books { items { author { name } } } } } }')).toEqual({
      count: statementsPerPath(2),
      errors: undefined,
    });
    // An inventory row's book and store are LEFT JOINed into the inventory statement the same way.
    expect(await statements('{ stores { items { bookCount inventory(limit: 3) { items { quantity book { title } store { name } } } } } }')).toEqual({
      count: statementsPerPath(3),
      errors: undefined,
    });
  });

  it('different arguments on aliases batch per argument set', async () => {
    const q =
      '{ authors(limit: 20) { items { a: books(limit: 2) { items { id } } b: books(limit: 3, orderBy: [{ price: DESC }]) { items { id } } c: books(limit: 2) { items { id } } } } }';
    expect(await statements(q)).toEqual({ count: statementsPerPath(3), errors: undefined });
    // Only the columns a page's items ask for are selected, so another selection is another batch.
    expect(await statements(q.replace('c: books(limit: 2) { items { id } }', 'c: books(limit: 2) { items { title } }'))).toEqual({
      count: statementsPerPath(4),
      errors: undefined,
    });
  });

  it('the same request asked twice selects no row twice (the loaders cache per request)', async () => {
    expect(await statements('{ a: book(id: 1) { title } b: book(id: 1) { title } c: book(id: 2) { title } }')).toEqual({
      count: statementsPerPath(1),
      errors: undefined,
    });
  });
});

describe('contains filters use the trigram indexes', () => {
  it('EXPLAIN of a title contains filter shows a bitmap scan on book_title_trgm', async () => {
    await app.pg.query(`INSERT INTO book (title, author_id) SELECT 'Common story number ' || i, 1 + i % 30 FROM generate_series(1, 20000) i;
      INSERT INTO book (title, author_id) VALUES ('The Zebra Crossing', 1);`);
    await app.pg.query('VACUUM ANALYZE book'); // flushes the GIN pending list, as autovacuum would
    const { text, values } = listStatement(BookModel, { filter: { title: { contains: 'zebra' } }, page: { offset: 0, limit: 20 } }).compile();
    const { rows } = await app.pg.query(`EXPLAIN ${text}`, values);
    const plan = rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Bitmap Index Scan on book_title_trgm/);
    const found = await app.gql('{ books(filter: { title: { contains: "ZEBRA" } }) { totalCount items { title } } }');
    expect(found.body.data).toEqual({ books: { totalCount: 1, items: [{ title: 'The Zebra Crossing' }] } });
  });
});

describe('to-one relations joined into the parent statement', () => {
  it('returns the same data as separate lookups would, and serves later readers whole rows', async () => {
    const res = await app.gql(`{
      books(filter: { title: { in: ["Book 1-1", "Book 2-2"] } }, orderBy: [{ title: ASC }]) { items { title author { id name email bio } } }
      store(id: 1) { books(filter: { title: { eq: "Book 1-1" } }) { items { author { name createdAt } } } }
      author(id: 1) { name email }
    }`);
    expect(res.body).toEqual({
      data: {
        books: {
          items: [
            { title: 'Book 1-1', author: { id: '1', name: 'Author 1', email: 'author1@example.com', bio: null } },
            { title: 'Book 2-2', author: { id: '2', name: 'Author 2', email: 'author2@example.com', bio: null } },
          ],
        },
        store: { books: { items: [{ author: { name: 'Author 1', createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } }] } },
        author: { name: 'Author 1', email: 'author1@example.com' },
      },
    });
  });
});
