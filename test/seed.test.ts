import { startTestApp, type TestApp } from './helpers/app.js';
import { runSeed } from '../src/seeders/runner.js';
import { isbn13FromSeed } from '../src/seeders/isbn.js';
import { normalizeIsbn } from '../src/validation/isbn.js';

let app: TestApp;
let url: string;

beforeAll(async () => {
  app = await startTestApp();
  url = app.config.databaseUrl!;
});
afterAll(() => app.close());

const counts = async () => {
  const { rows } = await app.pg.query(
    `SELECT (SELECT count(*) FROM author)::int AS authors, (SELECT count(*) FROM book)::int AS books,
            (SELECT count(*) FROM store)::int AS stores, (SELECT count(*) FROM inventory)::int AS inventory`,
  );
  return rows[0];
};

const catalogue = `{
  authors(orderBy: [{ email: ASC }], limit: 30) { totalCount items { name email bio updatedAt books(limit: 20) { items { title isbn publishedYear price updatedAt } } } }
  stores(orderBy: [{ name: ASC }], limit: 20) { totalCount items { name city bookCount inventory(limit: 50) { items { quantity book { isbn } } } } }
}`;

describe('npm run seed', () => {
  it('computes valid ISBN-13 check digits', () => {
    for (const seed of [0, 1, 123456789, 100001, 999999999]) expect(normalizeIsbn(isbn13FromSeed(seed))).toBe(isbn13FromSeed(seed));
  });

  it('loads the demo set with the classic data, and a second run changes nothing', async () => {
    await runSeed({ url });
    const first = (await app.gql(catalogue)).body;
    expect(first.errors).toBeUndefined();
    const firstCounts = await counts();
    await runSeed({ url });
    expect((await app.gql(catalogue)).body).toEqual(first);
    expect(await counts()).toEqual(firstCounts);
    expect(firstCounts).toEqual({ authors: 23, books: 40, stores: 10, inventory: 104 });

    const classic = await app.gql(
      `{ books(filter: { author: { email: { endsWith: "@example.com" } } }, orderBy: [{ title: ASC }]) { items { title author { name } stores(orderBy: [{ name: ASC }]) { items { name } } } } }`,
    );
    expect(classic.body.data).toEqual({
      books: {
        items: [
          { title: 'Ansible Refresher', author: { name: 'Prakritish Sen Eshore' }, stores: { items: [{ name: 'Amazon' }, { name: 'Flipkart' }] } },
          { title: 'Effective Communication', author: { name: 'Umang Vanjara' }, stores: { items: [{ name: 'Amazon' }] } },
          { title: 'Exploring SQLAlchemy', author: { name: 'Prakritish Sen Eshore' }, stores: { items: [{ name: 'Amazon' }, { name: 'Flipkart' }] } },
        ],
      },
    });
    const { rows } = await app.pg.query<{ isbn: string }>('SELECT isbn FROM book');
    for (const { isbn } of rows) expect(normalizeIsbn(isbn)).toBe(isbn);
  });

  it('generates volume data with exact counts, valid ISBNs and searchable titles', async () => {
    const result = await runSeed({ url, volume: { authors: 50, books: 500, stores: 5, batchSize: 200 } });
    const c = await counts();
    expect(c).toMatchObject({ authors: 50, books: 500, stores: 5 });
    expect(c.inventory).toBe(result.inventory);
    expect(c.inventory).toBeGreaterThan(1200);
    expect(c.inventory).toBeLessThan(1800);
    const { rows } = await app.pg.query<{ isbn: string }>('SELECT isbn FROM book');
    for (const { isbn } of rows) expect(normalizeIsbn(isbn)).toBe(isbn);
    const res = await app.gql<{ books: { totalCount: number } }>(`{ books(filter: { title: { contains: "garden" } }) { totalCount } }`);
    expect(res.body.data!.books.totalCount).toBeGreaterThan(0);
  });
});
