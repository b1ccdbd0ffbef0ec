import type { EntityManager } from '@mikro-orm/postgresql';
import { Store } from '../entities/Store.js';
import { NotFoundError } from '../errors.js';
import { auditedValues, StoreModel } from '../query/model.js';
import type { CreateStoreInput, UpdateStoreInput } from '../types/inputs.js';
import { created, deleted, diff, recordAudit, type Actor } from './audit.js';
import { applyPatch } from './patch.js';

const fields = (s: Store) => auditedValues(StoreModel, s);

export async function createStore(em: EntityManager, actor: Actor, input: CreateStoreInput): Promise<Store> {
  return em.transactional(async (tx) => {
    const store = tx.create(Store, { name: input.name.trim(), city: input.city ?? null });
    await tx.flush();
    recordAudit(tx, actor, { action: 'createStore', entity: 'Store', entityId: store.id, changes: created(fields(store)) });
    return store;
  });
}

export async function updateStore(em: EntityManager, actor: Actor, id: number, input: UpdateStoreInput): Promise<Store> {
  return em.transactional(async (tx) => {
    const store = await tx.findOne(Store, id);
    if (!store) throw new NotFoundError('Store', id);
    const before = fields(store);
    applyPatch(store, { ...input, name: input.name?.trim() });
    recordAudit(tx, actor, { action: 'updateStore', entity: 'Store', entityId: id, changes: diff(before, fields(store)) });
    await tx.flush();
    return store;
  });
}

/** Deletes the store; its inventory rows go with it (ON DELETE CASCADE). */
export async function deleteStore(em: EntityManager, actor: Actor, id: number): Promise<number> {
  return em.transactional(async (tx) => {
    const store = await tx.findOne(Store, id);
    if (!store) throw new NotFoundError('Store', id);
    await tx.nativeDelete(Store, { id });
    recordAudit(tx, actor, { action: 'deleteStore', entity: 'Store', entityId: id, changes: deleted(fields(store)) });
    return id;
  });
}
