import type { Client } from 'pg';
import { prng } from './prng.js';

/**
 * A small generated data set for the differential and oracle tests (test/differential.test.ts):
 * tens of rows per table, built from a seeded generator so every run has the same rows. It has
 * what trips query engines: NULLs in every nullable column, ties in every sortable column
 * (titles, prices, years, timestamps, counts), unicode, case variants, and LIKE wildcards and
 * backslashes inside strings. Ids are fixed, so id arguments can hit and miss on purpose.
 */
export const SIZES = { authors: 14, books: 36, stores: 7 } as const;

// Words whose pieces the filter arbitraries also generate ('e', 'a', 'Pure', 'The', '%', '_', ...),
// so contains/startsWith/endsWith match some rows and miss others.
const WORDS = [
  'The',
  'the',
  'a',
  'Pure',
  'pure',
  '100%',
  'Pure_Code',
  'e',
  'Meridian',
  'Ünïcødé',
  'émigré',
  'Ωmega',
  '日本',
  '🙂',
  'x\\y',
  "O'Neil",
  'Seattle',
  'zeta',
  'Zeta',
  'A_B',
  '50%_off',
];

export interface GeneratedRows {
  author: { id: number; name: string; email: string; bio: string | null; created_at: string }[];
  book: { id: number; title: string; isbn: string | null; published_year: number | null; price: string | null; author_id: number; created_at: string }[];
  store: { id: number; name: string; city: string | null; created_at: string }[];
  inventory: { book_id: number; store_id: number; quantity: number }[];
}

export function generateRows(seed = 20261202): GeneratedRows {
  const r = prng(seed);
  const int = (min: number, max: number) => min + Math.floor(r() * (max - min + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  const maybe = <T>(p: number, v: () => T): T | null => (r() < p ? v() : null);
  const phrase = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  // Timestamps at whole milliseconds, several shared, so createdAt sorts have ties.
  const at = (base: number) => new Date(Date.UTC(2020, 0, 1) + base * 3600_000 + int(0, 2) * 1_000).toISOString();

  const author = Array.from({ length: SIZES.authors }, (_, i) => ({
    id: i + 1,
    name: i % 5 === 4 ? 'Same Name' : `${phrase(int(1, 2))} ${i}`,
    email: `${pick(['a', 'b_c', 'd%e', 'Émile'])}${i}@${pick(['example.com', 'Example.COM', 'mail.org'])}`,
    bio: maybe(0.6, () => phrase(int(1, 3))),
    created_at: at(int(0, 5)),
  }));
  const book = Array.from({ length: SIZES.books }, (_, i) => ({
    id: i + 1,
    title: i % 7 === 3 ? 'Duplicate Title' : phrase(int(1, 3)),
    isbn: maybe(0.6, () => `978${String(1000000000 + i * 7919).slice(0, 10)}`),
    published_year: maybe(0.8, () => pick([1963, 1976, 1982, 1993, 2004, 2010])),
    price: maybe(0.8, () => pick(['0.00', '8.00', '9.99', '12.50', '15.00', '20.00', '30.00'])),
    // Authors 13 and 14 have no books.
    author_id: int(1, SIZES.authors - 2),
    created_at: at(int(0, 8)),
  }));
  const store = Array.from({ length: SIZES.stores }, (_, i) => ({
    id: i + 1,
    name: `${pick(['Store', 'store', 'Böök', 'Shop_', '%Sale'])} ${i}`,
    city: maybe(0.7, () => pick(['Seattle', 'seattle', 'Bangalore', 'Zürich', 'São Paulo'])),
    created_at: at(int(0, 3)),
  }));
  // Store 7 stocks nothing; the last books are in no store.
  const inventory: GeneratedRows['inventory'] = [];
  for (const b of book.slice(0, SIZES.books - 4))
    for (const s of store.slice(0, -1)) if (r() < 0.3) inventory.push({ book_id: b.id, store_id: s.id, quantity: int(0, 6) });
  return { author, book, store, inventory };
}

/** Inserts the rows (and a few audit entries) with plain SQL, one statement per table. */
export async function insertRows(pg: Pick<Client, 'query'>, rows: GeneratedRows): Promise<void> {
  for (const [table, list] of Object.entries(rows) as [string, Record<string, unknown>[]][]) {
    const columns = Object.keys(list[0]);
    await pg.query(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) SELECT * FROM json_populate_recordset(NULL::"${table}", $1::json) AS x`.replace(
        'SELECT *',
        `SELECT ${columns.map((c) => `x."${c}"`).join(', ')}`,
      ),
      [JSON.stringify(list)],
    );
  }
  await pg.query(`INSERT INTO audit_entry (at, action, entity, entity_id, changes) SELECT '2024-01-01'::timestamptz + i * interval '1 hour',
    CASE WHEN i % 2 = 0 THEN 'create' ELSE 'update' END, CASE WHEN i % 3 = 0 THEN 'Book' ELSE 'Author' END, CASE WHEN i % 4 = 0 THEN NULL ELSE i::text END,
    CASE WHEN i % 2 = 0 THEN NULL ELSE jsonb_build_object('n', i, 's', 'ü%_') END FROM generate_series(1, 9) i`);
  await pg.query(`SELECT setval('author_id_seq', 100), setval('book_id_seq', 100), setval('store_id_seq', 100)`);
}
