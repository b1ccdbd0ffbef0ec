// The floor: node:http + pg, each shape answered by ONE hand-written SQL statement that builds
// the whole JSON response in PostgreSQL. POST /<shape> with the variables as the JSON body.
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX ?? 10) });

const page = `SELECT json_build_object('data', json_build_object('books', json_build_object('items', coalesce(json_agg(json_build_object(
    'id', x."id"::text, 'title', x."title", 'isbn', x."isbn", 'publishedYear', x."published_year", 'price', x."price"::float8) ORDER BY x."title", x."id"), '[]'))))::text AS "j"
  FROM (SELECT "id", "title", "isbn", "published_year", "price" FROM "book" ORDER BY "title", "id" LIMIT 20 OFFSET $1) x`;

// The page of `page` by keyset: past (title, id) on the (title, id) index; no cursor = past ('', 0), the first page.
const seek = `SELECT json_build_object('data', json_build_object('books', json_build_object('items', coalesce(json_agg(json_build_object(
    'id', x."id"::text, 'title', x."title", 'isbn', x."isbn", 'publishedYear', x."published_year", 'price', x."price"::float8) ORDER BY x."title", x."id"), '[]'))))::text AS "j"
  FROM (SELECT "id", "title", "isbn", "published_year", "price" FROM "book" WHERE ("title", "id") > (coalesce($1, ''), coalesce($2::int, 0))
        ORDER BY "title", "id" LIMIT 20) x`;
const AUDIT = 'INSERT INTO "audit_entry" ("actor_id", "action", "entity", "entity_id", "changes")';
const BOOK_CHANGES = `jsonb_build_object('title', jsonb_build_object('from', NULL, 'to', "title"), 'authorId', jsonb_build_object('from', NULL, 'to', "author_id"::text))`;

const shapes = {
  book: [
    `SELECT json_build_object('data', json_build_object('book', (
      SELECT json_build_object('id', b."id"::text, 'title', b."title", 'author', json_build_object('name', a."name"))
      FROM "book" b JOIN "author" a ON a."id" = b."author_id" WHERE b."id" = $1)))::text AS "j"`,
    (v) => [v.id],
  ],
  page: [page, (v) => [v.offset]],
  seek: [seek, (v) => (v.after ? JSON.parse(v.after) : [null, null])],
  // Shape 5f: the top 20 authors by number of books, ties by author id.
  booksPerAuthor: [
    `SELECT json_build_object('data', json_build_object('booksGroupBy', coalesce(json_agg(
      json_build_object('key', json_build_object('authorId', g."author_id"::text), 'count', g."n") ORDER BY g."n" DESC, g."author_id"), '[]')))::text AS "j"
    FROM (SELECT "author_id", count(*)::int AS "n" FROM "book" GROUP BY "author_id" ORDER BY count(*) DESC, "author_id" LIMIT 20) g`,
    () => [],
  ],
  nested: [
    `SELECT json_build_object('data', json_build_object('authors', json_build_object('items', coalesce(json_agg(
      json_build_object('id', a."id"::text, 'name', a."name", 'books', json_build_object('items', (
        SELECT coalesce(json_agg(json_build_object('id', b."id"::text, 'title', b."title", 'stores', json_build_object('items', (
          SELECT coalesce(json_agg(json_build_object('id', s."id"::text, 'name', s."name") ORDER BY s."id"), '[]')
          FROM (SELECT "store_id" FROM "inventory" WHERE "book_id" = b."id" ORDER BY "store_id" LIMIT 5) i JOIN "store" s ON s."id" = i."store_id"
        ))) ORDER BY b."id"), '[]')
        FROM (SELECT "id", "title" FROM "book" WHERE "author_id" = a."id" ORDER BY "id" LIMIT 10) b
      ))) ORDER BY a."id"), '[]'))))::text AS "j"
    FROM (SELECT "id", "name" FROM "author" ORDER BY "id" LIMIT 20 OFFSET $1) a`,
    (v) => [v.offset],
  ],
  search: [
    `WITH f AS (SELECT "id", "title", "price", "author_id" FROM "book" WHERE "title" ILIKE $1 AND "price" < $2)
    SELECT json_build_object('data', json_build_object('books', json_build_object(
      'totalCount', (SELECT count(*) FROM f),
      'items', (SELECT coalesce(json_agg(json_build_object('id', p."id"::text, 'title', p."title", 'price', p."price"::float8, 'author', json_build_object('name', a."name")) ORDER BY p."price", p."id"), '[]')
                FROM (SELECT * FROM f ORDER BY "price", "id" LIMIT 20 OFFSET 40) p JOIN "author" a ON a."id" = p."author_id"))))::text AS "j"`,
    (v) => [`%${v.word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, v.price],
  ],
  // Writes: each writes its audit entry (as the API does) in the same statement; actor null (the system).
  setStock: [
    `WITH "w" AS (INSERT INTO "inventory" ("book_id", "store_id", "quantity") VALUES ($1, $2, $3)
      ON CONFLICT ("book_id", "store_id") DO UPDATE SET "quantity" = excluded."quantity" RETURNING "book_id", "store_id", "quantity"),
    "a" AS (${AUDIT} SELECT NULL, 'setStock', 'Inventory', "book_id" || ':' || "store_id", jsonb_build_object('quantity', jsonb_build_object('to', "quantity")) FROM "w")
    SELECT json_build_object('data', json_build_object('setStock', json_build_object('quantity', "quantity")))::text AS "j" FROM "w"`,
    (v) => [v.bookId, v.storeId, v.quantity],
  ],
  adjustStock: [
    `WITH "w" AS (INSERT INTO "inventory" AS "t" ("book_id", "store_id", "quantity") VALUES ($1, $2, $3)
      ON CONFLICT ("book_id", "store_id") DO UPDATE SET "quantity" = "t"."quantity" + excluded."quantity" RETURNING old."quantity" AS "was", "book_id", "store_id", "quantity"),
    "a" AS (${AUDIT} SELECT NULL, 'adjustStock', 'Inventory', "book_id" || ':' || "store_id", jsonb_build_object('quantity', jsonb_build_object('from', "was", 'to', "quantity")) FROM "w")
    SELECT json_build_object('data', json_build_object('adjustStock', json_build_object('quantity', "quantity")))::text AS "j" FROM "w"`,
    (v) => [v.bookId, v.storeId, v.delta],
  ],
  createBook: [
    `WITH "w" AS (INSERT INTO "book" ("title", "author_id") VALUES ($1, $2) RETURNING "id", "title", "author_id"),
    "a" AS (${AUDIT} SELECT NULL, 'createBook', 'Book', "id"::text, ${BOOK_CHANGES} FROM "w")
    SELECT json_build_object('data', json_build_object('createBook', json_build_object('title', w."title", 'author', au."name")))::text AS "j"
    FROM "w" JOIN "author" au ON au."id" = w."author_id"`,
    (v) => [v.title, v.authorId],
  ],
  createBooks: [
    `WITH "w" AS (INSERT INTO "book" ("title", "author_id") SELECT * FROM unnest($1::text[], $2::int4[]) RETURNING "id", "title", "author_id"),
    "a" AS (${AUDIT} SELECT NULL, 'createBook', 'Book', "id"::text, ${BOOK_CHANGES} FROM "w")
    SELECT json_build_object('data', json_build_object('createBooks', json_agg(json_build_object('title', "title") ORDER BY "id")))::text AS "j" FROM "w"`,
    (v) => [v.titles, v.authorIds],
  ],
};

const server = createServer((req, res) => {
  const shape = shapes[req.url.slice(1)];
  if (!shape) return void res.writeHead(404).end();
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => (body += c));
  req.on('end', async () => {
    try {
      const { rows } = await pool.query({ name: req.url, text: shape[0], values: shape[1](JSON.parse(body)) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(rows[0].j);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: String(err.message) }] }));
    }
  });
});
const port = Number(process.env.PORT ?? 5679);
server.listen(port, '127.0.0.1', () => console.log(`floor ready on http://127.0.0.1:${port}`));
for (const signal of ['SIGTERM', 'SIGINT'])
  process.on(signal, () => {
    server.close();
    pool.end().finally(() => process.exit(0));
  });
