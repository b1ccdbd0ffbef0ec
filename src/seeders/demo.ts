import { demoAuthors, demoBooks, demoStock, demoStores } from './demo-data.js';
import { isbn13FromSeed } from './isbn.js';
import type { SqlRunner } from './sql-runner.js';

export interface DemoCounts {
  authors: number;
  books: number;
  stores: number;
  inventory: number;
}

/**
 * Upserts the demo catalogue on natural keys (author email, store name, book ISBN, or title
 * for a same-author book without one), so a second run changes nothing, not even updated_at.
 */
export async function seedDemo(db: SqlRunner): Promise<DemoCounts> {
  const books = demoBooks.map((b) => ({ ...b, isbn: isbn13FromSeed(b.isbnSeed) }));
  const isbnOf = new Map(books.map((b) => [b.title, b.isbn]));
  await db.query('BEGIN');
  try {
    await db.query(
      `INSERT INTO "author" ("name", "email", "bio") SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT ((lower("email"))) DO UPDATE SET "name" = excluded."name", "bio" = excluded."bio", "updated_at" = now()
       WHERE ("author"."name", "author"."bio") IS DISTINCT FROM (excluded."name", excluded."bio")`,
      [demoAuthors.map((a) => a.name), demoAuthors.map((a) => a.email), demoAuthors.map((a) => a.bio ?? null)],
    );
    const bookArrays = [
      books.map((b) => b.title),
      books.map((b) => b.isbn),
      books.map((b) => b.year ?? null),
      books.map((b) => b.price ?? null),
      books.map((b) => b.author),
    ];
    const source = `unnest($1::text[], $2::text[], $3::int[], $4::numeric[], $5::text[]) AS "t"("title", "isbn", "year", "price", "email")
       JOIN "author" "a" ON lower("a"."email") = lower("t"."email")`;
    // A book typed in by hand (same title and author, no ISBN yet) gets the demo ISBN instead of a twin.
    await db.query(
      `UPDATE "book" "b" SET "isbn" = "t"."isbn", "updated_at" = now() FROM ${source}
       WHERE "b"."isbn" IS NULL AND "b"."title" = "t"."title" AND "b"."author_id" = "a"."id"
         AND NOT EXISTS (SELECT 1 FROM "book" "o" WHERE "o"."isbn" = "t"."isbn")`,
      bookArrays,
    );
    await db.query(
      `INSERT INTO "book" ("title", "isbn", "published_year", "price", "author_id") SELECT "t"."title", "t"."isbn", "t"."year", "t"."price", "a"."id" FROM ${source}
       ON CONFLICT ("isbn") DO UPDATE SET "title" = excluded."title", "published_year" = excluded."published_year", "price" = excluded."price", "author_id" = excluded."author_id", "updated_at" = now()
       WHERE ("book"."title", "book"."published_year", "book"."price", "book"."author_id") IS DISTINCT FROM (excluded."title", excluded."published_year", excluded."price", excluded."author_id")`,
      bookArrays,
    );
    await db.query(
      `INSERT INTO "store" ("name", "city") SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT ((lower("name"))) DO UPDATE SET "name" = excluded."name", "city" = excluded."city", "updated_at" = now()
       WHERE ("store"."name", "store"."city") IS DISTINCT FROM (excluded."name", excluded."city")`,
      [demoStores.map((s) => s.name), demoStores.map((s) => s.city ?? null)],
    );
    await db.query(
      `INSERT INTO "inventory" ("book_id", "store_id", "quantity")
       SELECT "b"."id", "s"."id", "t"."quantity" FROM unnest($1::text[], $2::text[], $3::int[]) AS "t"("isbn", "store", "quantity")
       JOIN "book" "b" ON "b"."isbn" = "t"."isbn" JOIN "store" "s" ON lower("s"."name") = lower("t"."store")
       ON CONFLICT ("book_id", "store_id") DO UPDATE SET "quantity" = excluded."quantity" WHERE "inventory"."quantity" <> excluded."quantity"`,
      [demoStock.map((s) => isbnOf.get(s.book)!), demoStock.map((s) => s.store), demoStock.map((s) => s.quantity)],
    );
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK');
    throw err;
  }
  return { authors: demoAuthors.length, books: books.length, stores: demoStores.length, inventory: demoStock.length };
}
