import { isbn13Sql } from './isbn.js';
import { progressBar, type ProgressSink } from './progress.js';
import type { SqlRunner } from './sql-runner.js';
import { adjectives, cities, firstNames, lastNames, nouns, storeKinds, topics } from './words.js';

export interface VolumeOptions {
  authors: number;
  books: number;
  stores: number;
  batchSize?: number;
}
export interface VolumeCounts {
  authors: number;
  books: number;
  stores: number;
  inventory: number;
}

// Deterministic pseudo-random numbers: hashint4 of the row number and a salt, made non-negative.
const h = (expr: string, salt: number): string => `abs(hashint4((${expr}) * 16 + ${salt})::bigint)`;
const pick = (array: string, expr: string, salt: number): string => `(${array})[1 + ${h(expr, salt)} % cardinality(${array})]`;

const AUTHORS = `INSERT INTO "author" ("name", "email", "bio")
SELECT "f" || ' ' || "l", lower("f" || '.' || "l" || '.' || "i") || '@example.net',
       CASE WHEN "i" % 3 = 0 THEN NULL ELSE 'Writes about ' || lower(${pick('$4::text[]', '"i"', 3)}) || '.' END
FROM generate_series(1, $1::int) "i", LATERAL (SELECT ${pick('$2::text[]', '"i"', 1)} AS "f", ${pick('$3::text[]', '"i"', 2)} AS "l") "n"`;

const STORES = `INSERT INTO "store" ("name", "city")
SELECT "c" || ' ' || ${pick('$3::text[]', '"i"', 1)} || ' ' || "i", "c"
FROM generate_series(1, $1::int) "i", LATERAL (SELECT ($2::text[])[1 + "i" % cardinality($2::text[])] AS "c") "x"`;

// $1..$2 row numbers, $3 author count, $4 adjectives, $5 nouns, $6 topics.
const BOOKS = `INSERT INTO "book" ("title", "isbn", "published_year", "price", "author_id")
SELECT CASE ${h('"i"', 0)} % 5
         WHEN 0 THEN 'The ' || "adj" || ' ' || "n1"
         WHEN 1 THEN "n1" || ' of the ' || "adj" || ' ' || "n2"
         WHEN 2 THEN "topic" || ' and the ' || "n1"
         WHEN 3 THEN 'The ' || "n1" || ' and the ' || "n2"
         ELSE "adj" || ' ' || "topic" || ': ' || "n1" || ' Edition' END,
       ${isbn13Sql('"d"')},
       1950 + ${h('"i"', 4)} % 76,
       round(4.99 + (${h('"i"', 5)} % 9500) / 100.0, 2),
       1 + ${h('"i"', 6)} % $3::int
FROM generate_series($1::int, $2::int) "i",
LATERAL (SELECT ${pick('$4::text[]', '"i"', 7)} AS "adj", ${pick('$5::text[]', '"i"', 8)} AS "n1", ${pick('$5::text[]', '"i"', 9)} AS "n2",
                ${pick('$6::text[]', '"i"', 10)} AS "topic", '978' || lpad((("i"::bigint * 387420489) % 1000000000)::text, 9, '0') AS "d") "w"`;

// One to five distinct stores per book (three on average): base, base+step, ... modulo the store count.
const INVENTORY = `INSERT INTO "inventory" ("book_id", "store_id", "quantity")
SELECT "b", 1 + ("base" + "k" * greatest(1, $3::int / 5)) % $3::int, abs(hashint4(("b" * 8 + "k")::int)) % 50
FROM generate_series($1::int, $2::int) "b",
LATERAL (SELECT ${h('"b"', 11)} AS "base", least($3::int, 1 + ${h('"b"', 12)} % 5) AS "cnt") "x",
LATERAL generate_series(0, "cnt" - 1) "k"`;

/**
 * Replaces the catalogue (authors, books, stores, inventory; users and audit stay) with
 * generated data, set-based: each statement inserts a whole batch with generate_series.
 */
export async function seedVolume(db: SqlRunner, options: VolumeOptions, sink?: ProgressSink): Promise<VolumeCounts> {
  const { authors, books, stores } = options;
  if (authors < 1 || stores < 1 || books < 0) throw new Error('--authors and --stores must be at least 1, --books at least 0');
  const batch = options.batchSize ?? 10000;
  const batches = Math.ceil(books / batch);
  const progress = progressBar(sink, 4 + 2 * batches);
  let step = 0;
  await db.query('TRUNCATE "inventory", "book", "author", "store" RESTART IDENTITY');
  progress(++step, 'emptied the catalogue');
  await db.query(AUTHORS, [authors, firstNames, lastNames, topics]);
  progress(++step, `${authors} authors`);
  await db.query(STORES, [stores, cities, storeKinds]);
  progress(++step, `${stores} stores`);
  for (let lo = 1; lo <= books; lo += batch) {
    const hi = Math.min(books, lo + batch - 1);
    await db.query(BOOKS, [lo, hi, authors, adjectives, nouns, topics]);
    progress(++step, `books ${hi}/${books}`);
    await db.query(INVENTORY, [lo, hi, stores]);
    progress(++step, `inventory for books ${hi}/${books}`);
  }
  await db.query('ANALYZE "author", "book", "store", "inventory"');
  progress(++step, 'analyzed');
  const { rows } = await db.query('SELECT count(*)::int AS "n" FROM "inventory"');
  return { authors, books, stores, inventory: (rows[0] as { n: number }).n };
}
