import type { Database } from '../db/database.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { AuthorModel } from '../query/model.js';
import { sql } from '../query/sql.js';
import type { Actor } from './audit.js';
import { insertBooks } from './books.js';
import { checkItemCount, itemError } from './items.js';
import { isForeignKeyViolation } from './patch.js';
import type { AuthorPatch, AuthorValues, Row } from './write-types.js';
import { actionText, deleteRows, insertRows, tableOf, updateRow, upsertAction, upsertRows, type ItemSql } from './write-sql.js';

const authors = (db: Database) => tableOf(db.orm.getMetadata(), AuthorModel);
const rowOf = (input: AuthorValues) => ({ name: input.name.trim(), email: input.email.trim(), bio: input.bio ?? null });

/** One statement; with `books`, one transaction that also writes them (errors at `input.books.<i>`). */
export async function createAuthor(db: Database, actor: Actor, input: AuthorValues): Promise<Row> {
  if (!input.books?.length) return (await db.query<Row>(insertRows(authors(db), [rowOf(input)], actor, 'createAuthor')))[0];
  const books = input.books;
  checkItemCount(books.length, 'input.books');
  return db.transaction(async (query) => {
    const [author] = await query<Row>(insertRows(authors(db), [rowOf(input)], actor, 'createAuthor'));
    await insertBooks(
      db,
      query,
      actor,
      books.map((b) => ({ ...b, authorId: String(author.id) })),
      (i) => `input.books.${i}`,
    );
    return author;
  });
}

/** All or nothing, in one statement; an error names its item (`inputs.37.email`). */
export async function createAuthors(db: Database, actor: Actor, inputs: AuthorValues[]): Promise<Row[]> {
  checkItemCount(inputs.length, 'inputs');
  if (inputs.length === 0) return [];
  const rows = inputs.map(rowOf);
  return db.query<Row>(insertRows(authors(db), rows, actor, 'createAuthor')).catch((err: unknown) => {
    throw itemError(err, authors(db), rows, (i) => `inputs.${i}`);
  });
}

/** Insert, or update the author with this email (case-insensitive); one statement, safe under concurrency. */
export async function upsertAuthor(db: Database, actor: Actor, input: AuthorValues, item?: ItemSql): Promise<Row> {
  return (await db.query<Row>(upsertRows(authors(db), [rowOf(input)], { target: '(lower("email"))' }, actor, upsertAction('upsertAuthor'), item)))[0];
}

export async function updateAuthor(db: Database, actor: Actor, id: number, input: AuthorPatch): Promise<Row> {
  const [row] = await db.query<Row & { $found: boolean }>(
    updateRow(authors(db), id, { ...input, name: input.name?.trim(), email: input.email?.trim() }, null, actor, 'updateAuthor'),
  );
  if (!row.$found) throw new NotFoundError('Author', id);
  return row;
}

export async function deleteAuthor(db: Database, actor: Actor, id: number): Promise<number> {
  const rows = await db.query<Row>(deleteRows(authors(db), sql`"id" = ${id}`, actor, actionText('deleteAuthor'))).catch((err: unknown) => {
    throw isForeignKeyViolation(err) ? new ConflictError(`Author ${id} still has books; delete or reassign them first`) : err;
  });
  if (rows.length === 0) throw new NotFoundError('Author', id);
  return id;
}
