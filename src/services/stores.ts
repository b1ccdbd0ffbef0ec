import type { EntityManager } from '@mikro-orm/postgresql';
import { Store } from '../entities/Store.js';
import { NotFoundError } from '../errors.js';
import type { CreateStoreInput, UpdateStoreInput } from '../types/inputs.js';
import { applyPatch } from './patch.js';

export async function createStore(em: EntityManager, input: CreateStoreInput): Promise<Store> {
  return em.transactional(async (tx) => {
    const store = tx.create(Store, { name: input.name.trim(), city: input.city ?? null });
    await tx.flush();
    return store;
  });
}

export async function updateStore(em: EntityManager, id: number, input: UpdateStoreInput): Promise<Store> {
  return em.transactional(async (tx) => {
    const store = await tx.findOne(Store, id);
    if (!store) throw new NotFoundError('Store', id);
    applyPatch(store, { ...input, name: input.name?.trim() });
    await tx.flush();
    return store;
  });
}

/** Deletes the store; its inventory rows go with it (ON DELETE CASCADE). */
export async function deleteStore(em: EntityManager, id: number): Promise<number> {
  return em.transactional(async (tx) => {
    const deleted = await tx.nativeDelete(Store, { id });
    if (deleted === 0) throw new NotFoundError('Store', id);
    return id;
  });
}
