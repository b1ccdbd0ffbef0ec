import type { EntityManager } from '@mikro-orm/postgresql';
import { Author } from '../entities/Author.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { auditedValues, AuthorModel } from '../query/model.js';
import type { CreateAuthorInput, UpdateAuthorInput } from '../types/inputs.js';
import { created, deleted, diff, recordAudit, type Actor } from './audit.js';
import { applyPatch, isForeignKeyViolation } from './patch.js';

const fields = (a: Author) => auditedValues(AuthorModel, a);

export async function createAuthor(em: EntityManager, actor: Actor, input: CreateAuthorInput): Promise<Author> {
  return em.transactional(async (tx) => {
    const author = tx.create(Author, { name: input.name.trim(), email: input.email.trim(), bio: input.bio ?? null });
    await tx.flush();
    recordAudit(tx, actor, { action: 'createAuthor', entity: 'Author', entityId: author.id, changes: created(fields(author)) });
    return author;
  });
}

export async function updateAuthor(em: EntityManager, actor: Actor, id: number, input: UpdateAuthorInput): Promise<Author> {
  return em.transactional(async (tx) => {
    const author = await tx.findOne(Author, id);
    if (!author) throw new NotFoundError('Author', id);
    const before = fields(author);
    applyPatch(author, { ...input, name: input.name?.trim(), email: input.email?.trim() });
    recordAudit(tx, actor, { action: 'updateAuthor', entity: 'Author', entityId: id, changes: diff(before, fields(author)) });
    await tx.flush();
    return author;
  });
}

export async function deleteAuthor(em: EntityManager, actor: Actor, id: number): Promise<number> {
  return em.transactional(async (tx) => {
    try {
      const author = await tx.findOne(Author, id);
      if (!author) throw new NotFoundError('Author', id);
      await tx.nativeDelete(Author, { id });
      recordAudit(tx, actor, { action: 'deleteAuthor', entity: 'Author', entityId: id, changes: deleted(fields(author)) });
      return id;
    } catch (err) {
      if (isForeignKeyViolation(err)) throw new ConflictError(`Author ${id} still has books; delete or reassign them first`);
      throw err;
    }
  });
}
