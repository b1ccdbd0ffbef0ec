import type { EntityManager } from '@mikro-orm/postgresql';
import { Author } from '../entities/Author.js';
import { Book } from '../entities/Book.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors.js';
import type { CreateBookInput, UpdateBookInput } from '../types/inputs.js';
import { auditedValues, BookModel } from '../query/model.js';
import { parseId } from '../validation/ids.js';
import { normalizeIsbn } from '../validation/isbn.js';
import { created, deleted, diff, recordAudit, type Actor } from './audit.js';
import { applyPatch, isForeignKeyViolation } from './patch.js';

const fields = (b: Book) => auditedValues(BookModel, b);

const unknownAuthor = () => new BadUserInputError([{ path: 'input.authorId', message: 'no author has this id' }]);

function isbnOf(value: string | null | undefined): string | null | undefined {
  return value === undefined || value === null ? value : normalizeIsbn(value);
}

/** Inserts or updates, turning a foreign-key failure on author_id into BAD_USER_INPUT. */
async function flushWithAuthor(tx: EntityManager): Promise<void> {
  try {
    await tx.flush();
  } catch (err) {
    if (isForeignKeyViolation(err, 'book_author_id_foreign')) throw unknownAuthor();
    throw err;
  }
}

export async function createBook(em: EntityManager, actor: Actor, input: CreateBookInput): Promise<Book> {
  const authorId = parseId(input.authorId, 'input.authorId');
  return em.transactional(async (tx) => {
    const book = tx.create(Book, {
      title: input.title.trim(),
      author: tx.getReference(Author, authorId),
      isbn: isbnOf(input.isbn) ?? null,
      publishedYear: input.publishedYear ?? null,
      price: input.price ?? null,
    });
    await flushWithAuthor(tx);
    recordAudit(tx, actor, { action: 'createBook', entity: 'Book', entityId: book.id, changes: created(fields(book)) });
    return book;
  });
}

const staleVersion = () => new ConflictError('The book was changed by someone else; reload and try again', [{ path: 'input.expectedVersion', message: 'is not the current version' }]);

/**
 * With `expectedVersion`, a stale version is refused here; a change that commits between this
 * read and our write is caught by MikroORM's `UPDATE ... WHERE version = ?` (OptimisticLockError,
 * mapped to CONFLICT), so of two edits made from the same version exactly one wins.
 */
export async function updateBook(em: EntityManager, actor: Actor, id: number, input: UpdateBookInput): Promise<Book> {
  if (input.authorId === null) throw new BadUserInputError([{ path: 'input.authorId', message: 'may not be null' }]);
  const authorId = input.authorId === undefined ? undefined : parseId(input.authorId, 'input.authorId');
  return em.transactional(async (tx) => {
    const book = await tx.findOne(Book, id);
    if (!book) throw new NotFoundError('Book', id);
    const { authorId: _ignored, expectedVersion, ...patch } = input;
    if (expectedVersion !== undefined && expectedVersion !== null && expectedVersion !== book.version) throw staleVersion();
    const before = fields(book);
    applyPatch(book, { ...patch, title: input.title?.trim(), isbn: isbnOf(input.isbn) });
    if (authorId !== undefined) book.author = tx.getReference(Author, authorId);
    recordAudit(tx, actor, { action: 'updateBook', entity: 'Book', entityId: id, changes: diff(before, fields(book)) });
    await flushWithAuthor(tx).catch((err: unknown) => {
      throw (err as Error)?.name === 'OptimisticLockError' ? staleVersion() : err;
    });
    return book;
  });
}

/** Deletes the book; its inventory rows go with it (ON DELETE CASCADE). */
export async function deleteBook(em: EntityManager, actor: Actor, id: number): Promise<number> {
  return em.transactional(async (tx) => {
    const book = await tx.findOne(Book, id);
    if (!book) throw new NotFoundError('Book', id);
    await tx.nativeDelete(Book, { id });
    recordAudit(tx, actor, { action: 'deleteBook', entity: 'Book', entityId: id, changes: deleted(fields(book)) });
    return id;
  });
}
