import type { Client } from 'pg';
import type { TestApp } from './app.js';

/**
 * A small, fixed data set for query-engine tests, inserted with SQL so ids and timestamps are
 * known. Book 8 is in no store, author 5 has no books, store 3 stocks nothing.
 */
export const QUERY_DATA_SQL = `
INSERT INTO author (id, name, email, bio, created_at) VALUES
  (1, 'Alice Walker', 'alice@example.com', 'Poet and novelist', '2020-01-01T00:00:00Z'),
  (2, 'Bob Dylan', 'bob@music.com', NULL, '2020-01-02T00:00:00Z'),
  (3, 'Carol Shields', 'carol@example.com', 'Novelist', '2020-01-03T00:00:00Z'),
  (4, 'Dan Brown', 'dan_brown%50@example.com', 'Thrillers\\with backslash', '2020-01-04T00:00:00Z'),
  (5, 'Eve Empty', 'eve@example.com', NULL, '2020-01-05T00:00:00Z');
INSERT INTO book (id, title, isbn, published_year, price, author_id, created_at) VALUES
  (1, 'The Color Purple', '9780151191543', 1982, 15.00, 1, '2021-01-01T00:00:00Z'),
  (2, 'Meridian', NULL, 1976, 12.50, 1, '2021-01-02T00:00:00Z'),
  (3, 'Blowin in the Wind', NULL, 1963, NULL, 2, '2021-01-03T00:00:00Z'),
  (4, 'Chronicles', '9780743244572', 2004, 20.00, 2, '2021-01-04T00:00:00Z'),
  (5, 'The Stone Diaries', '9780140233131', 1993, 18.00, 3, '2021-01-05T00:00:00Z'),
  (6, 'Unless', NULL, 2002, 9.99, 3, '2021-01-06T00:00:00Z'),
  (7, '100% Pure_Code', NULL, 2010, 30.00, 4, '2021-01-07T00:00:00Z'),
  (8, 'Angels & Demons', '9780671027360', NULL, 8.00, 4, '2021-01-08T00:00:00Z');
INSERT INTO store (id, name, city, created_at) VALUES
  (1, 'Amazon', 'Seattle', '2019-01-01T00:00:00Z'),
  (2, 'Flipkart', 'Bangalore', '2019-01-02T00:00:00Z'),
  (3, 'Empty Shelf', NULL, '2019-01-03T00:00:00Z');
INSERT INTO inventory (book_id, store_id, quantity) VALUES
  (1, 1, 5), (2, 1, 3), (3, 1, 0), (4, 1, 7), (5, 1, 2),
  (1, 2, 4), (5, 2, 1), (6, 2, 9), (7, 2, 6);
SELECT setval('author_id_seq', 100), setval('book_id_seq', 100), setval('store_id_seq', 100);
`;

export async function loadQueryData(app: TestApp): Promise<void> {
  await loadQueryDataInto(app.pg);
}

export async function loadQueryDataInto(pg: Pick<Client, 'query'>): Promise<void> {
  await pg.query(QUERY_DATA_SQL);
}

/** Ids of `items` of the page at `key` in a GraphQL response. */
export function ids(data: unknown, key: string): number[] {
  const page = (data as Record<string, { items: { id: string }[] }>)[key];
  return page.items.map((i) => Number(i.id));
}
