import type { Database } from '../db/database.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors.js';
import { BookModel } from '../query/model.js';
import { sql, type Sql } from '../query/sql.js';
import { parseId } from '../validation/ids.js';
import { normalizeIsbn } from '../validation/isbn.js';
import type { Actor } from './audit.js';
import { writeStock } from './inventory.js';
import { checkItemCount, itemError } from './items.js';
import { isForeignKeyViolation } from './patch.js';
import type { BookPatch, BookValues, Row } from './write-types.js';
import { actionText, deleteRows, insertRows, tableOf, updateRow, upsertAction, upsertRows, type ItemSql } from './write-sql.js';

type Query = <R>(statement: Sql) => Promise<R[]>;

const books = (db: Database) => tableOf(db.orm.getMetadata(), BookModel);

const unknownAuthor = (path = 'input.authorId') => new BadUserInputError([{ path, message: 'no author has this id' }]);

function isbnOf(value: string | null | undefined): string | null | undefined {
  return value === undefined || value === null ? value : normalizeIsbn(value);
}

const rowOf = (input: BookValues, authorPath: string) => ({
  title: input.title.trim(),
  authorId: parseId(input.authorId, authorPath),
  isbn: isbnOf(input.isbn) ?? null,
  publishedYear: input.publishedYear ?? null,
  price: input.price ?? null,
});

/** Runs a single-book write, turning a foreign-key failure on author_id into BAD_USER_INPUT. */
async function withAuthor<T>(write: Promise<T>): Promise<T> {
  return write.catch((err: unknown) => {
    throw isForeignKeyViolation(err, 'book_author_id_foreign') ? unknownAuthor() : err;
  });
}

/**
 * Writes `inputs` (and their stock) with `query`, inside the caller's transaction when there is
 * stock; errors name their item under `path` (`inputs.37.isbn`, `input.books.2.stock.0.storeId`).
 */
export async function insertBooks(db: Database, query: Query, actor: Actor, inputs: BookValues[], path: (i: number) => string, item?: ItemSql): Promise<Row[]> {
  const rows = inputs.map((input, i) => rowOf(input, `${path(i)}.authorId`));
  const written = await query<Row>(insertRows(books(db), rows, actor, 'createBook', item)).catch((err: unknown) => {
    throw itemError(err, books(db), rows, path);
  });
  const stock = inputs.flatMap((input, i) => (input.stock ?? []).map((s, j) => ({ ...s, bookId: String(written[i].id), path: `${path(i)}.stock.${j}` })));
  if (stock.length) await writeStock(db, query, actor, stock, 'setStock');
  return written;
}

/** One statement; with `stock`, one transaction that also sets it (errors at `input.stock.<i>`). */
export async function createBook(db: Database, actor: Actor, input: BookValues, item?: ItemSql): Promise<Row> {
  if (!input.stock?.length) return (await withAuthor(db.query<Row>(insertRows(books(db), [rowOf(input, 'input.authorId')], actor, 'createBook', item))))[0];
  checkItemCount(input.stock.length, 'input.stock');
  return db.transaction(async (query) => (await insertBooks(db, query, actor, [input], () => 'input'))[0]);
}

/** All or nothing, in one statement (one transaction with stock); an error names its item. */
export async function createBooks(db: Database, actor: Actor, inputs: BookValues[], item?: ItemSql): Promise<Row[]> {
  checkItemCount(inputs.length, 'inputs');
  if (inputs.length === 0) return [];
  const path = (i: number) => `inputs.${i}`;
  if (!inputs.some((i) => i.stock?.length)) return insertBooks(db, (s) => db.query(s), actor, inputs, path, item);
  return db.transaction((query) => insertBooks(db, query, actor, inputs, path));
}

/** Insert, or update the book with this ISBN; one statement, safe under concurrency. */
export async function upsertBook(db: Database, actor: Actor, input: BookValues, item?: ItemSql): Promise<Row> {
  const row = rowOf(input, 'input.authorId');
  if (!row.isbn) throw new BadUserInputError([{ path: 'input.isbn', message: 'is required to upsert a book' }]);
  return (await withAuthor(db.query<Row>(upsertRows(books(db), [row], { target: '("isbn")' }, actor, upsertAction('upsertBook'), item))))[0];
}

const staleVersion = () =>
  new ConflictError('The book was changed by someone else; reload and try again', [{ path: 'input.expectedVersion', message: 'is not the current version' }]);

/**
 * With `expectedVersion`, the UPDATE only matches the row at that version; the row lock makes
 * of two edits made from the same version exactly one win, the other gets CONFLICT.
 */
export async function updateBook(db: Database, actor: Actor, id: number, input: BookPatch): Promise<Row> {
  if (input.authorId === null) throw new BadUserInputError([{ path: 'input.authorId', message: 'may not be null' }]);
  const authorId = input.authorId === undefined ? undefined : parseId(input.authorId, 'input.authorId');
  const { expectedVersion, ...patch } = input;
  const guard = expectedVersion === undefined || expectedVersion === null ? null : sql`"t"."version" = ${expectedVersion}`;
  const values = { ...patch, title: input.title?.trim(), isbn: isbnOf(input.isbn), authorId };
  const [row] = await withAuthor(db.query<Row & { $found: boolean }>(updateRow(books(db), id, values, guard, actor, 'updateBook')));
  if (!row.$found) throw new NotFoundError('Book', id);
  if (row.id === null) throw staleVersion();
  return row;
}

/** Deletes the book; its inventory rows go with it (ON DELETE CASCADE). */
export async function deleteBook(db: Database, actor: Actor, id: number): Promise<number> {
  const rows = await db.query<Row>(deleteRows(books(db), sql`"id" = ${id}`, actor, actionText('deleteBook')));
  if (rows.length === 0) throw new NotFoundError('Book', id);
  return id;
}
