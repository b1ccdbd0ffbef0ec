import type { EntityManager } from '@mikro-orm/postgresql';
import { Author } from '../entities/Author.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { CreateAuthorInput, UpdateAuthorInput } from '../types/inputs.js';
import { applyPatch, isForeignKeyViolation } from './patch.js';

export async function createAuthor(em: EntityManager, input: CreateAuthorInput): Promise<Author> {
  return em.transactional(async (tx) => {
    const author = tx.create(Author, { name: input.name.trim(), email: input.email.trim(), bio: input.bio ?? null });
    await tx.flush();
    return author;
  });
}

export async function updateAuthor(em: EntityManager, id: number, input: UpdateAuthorInput): Promise<Author> {
  return em.transactional(async (tx) => {
    const author = await tx.findOne(Author, id);
    if (!author) throw new NotFoundError('Author', id);
    applyPatch(author, { ...input, name: input.name?.trim(), email: input.email?.trim() });
    await tx.flush();
    return author;
  });
}

export async function deleteAuthor(em: EntityManager, id: number): Promise<number> {
  return em.transactional(async (tx) => {
    try {
      const deleted = await tx.nativeDelete(Author, { id });
      if (deleted === 0) throw new NotFoundError('Author', id);
      return id;
    } catch (err) {
      if (isForeignKeyViolation(err)) throw new ConflictError(`Author ${id} still has books; delete or reassign them first`);
      throw err;
    }
  });
}
