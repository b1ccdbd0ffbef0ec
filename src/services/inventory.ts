import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors.js';
import { recordAudit, type Actor } from './audit.js';

export interface InventoryRow {
  bookId: number;
  storeId: number;
  quantity: number;
}

const RETURNING = 'returning "book_id" as "bookId", "store_id" as "storeId", "quantity"';

/** NOT_FOUND naming the missing side, when the book or the store does not exist. */
async function assertBothExist(tx: EntityManager, storeId: number, bookId: number): Promise<void> {
  const [row] = await tx.execute<{ book: number | null; store: number | null }[]>(
    'select (select 1 from "book" where "id" = ?) as "book", (select 1 from "store" where "id" = ?) as "store"',
    [bookId, storeId],
  );
  if (!row.store) throw new NotFoundError('Store', storeId);
  if (!row.book) throw new NotFoundError('Book', bookId);
}

/** Audits a change of one inventory link; its id is `bookId:storeId`, the primary key's order. */
function auditStock(tx: EntityManager, actor: Actor, action: string, bookId: number, storeId: number, from: number | null, to: number | null): void {
  recordAudit(tx, actor, { action, entity: 'Inventory', entityId: `${bookId}:${storeId}`, changes: { quantity: { from, to } } });
}

function mapLinkError(err: unknown, storeId: number, bookId: number): unknown {
  const e = err as { code?: string; constraint?: string };
  if (e?.code === '23503' && e.constraint === 'inventory_store_id_foreign') return new NotFoundError('Store', storeId);
  if (e?.code === '23503' && e.constraint === 'inventory_book_id_foreign') return new NotFoundError('Book', bookId);
  return err;
}

/** Sets the quantity, creating the link when absent. */
export async function setStock(em: EntityManager, actor: Actor, storeId: number, bookId: number, quantity: number): Promise<InventoryRow> {
  if (quantity < 0) throw new BadUserInputError([{ path: 'quantity', message: 'must be 0 or more' }]);
  return em.transactional(async (tx) => {
    try {
      const [old] = await tx.execute<{ quantity: number }[]>(
        'select "quantity" from "inventory" where "book_id" = ? and "store_id" = ? for update',
        [bookId, storeId],
      );
      const [row] = await tx.execute<InventoryRow[]>(
        `insert into "inventory" ("book_id", "store_id", "quantity") values (?, ?, ?)
         on conflict ("book_id", "store_id") do update set "quantity" = excluded."quantity" ${RETURNING}`,
        [bookId, storeId, quantity],
      );
      auditStock(tx, actor, 'setStock', bookId, storeId, old?.quantity ?? null, row.quantity);
      return row;
    } catch (err) {
      throw mapLinkError(err, storeId, bookId);
    }
  });
}

/**
 * Adds `delta` in one UPDATE, so concurrent calls serialise on the row lock and the CHECK
 * constraint refuses any result below 0 (CONFLICT). A missing link starts from 0.
 */
export async function adjustStock(em: EntityManager, actor: Actor, storeId: number, bookId: number, delta: number): Promise<InventoryRow> {
  return em.transactional(async (tx) => {
    const [updated] = await tx
      .execute<InventoryRow[]>(`update "inventory" set "quantity" = "quantity" + ? where "book_id" = ? and "store_id" = ? ${RETURNING}`, [delta, bookId, storeId])
      .catch((err: { code?: string }) => {
        throw err?.code === '22003' ? new BadUserInputError([{ path: 'delta', message: 'would take the stock above 2147483647' }]) : err;
      });
    if (updated) {
      auditStock(tx, actor, 'adjustStock', bookId, storeId, updated.quantity - delta, updated.quantity);
      return updated;
    }
    await assertBothExist(tx, storeId, bookId);
    if (delta < 0) throw new ConflictError('Stock would go below 0', [{ path: 'delta', message: 'would take the stock below 0' }]);
    try {
      const [row] = await tx.execute<InventoryRow[]>(
        `insert into "inventory" ("book_id", "store_id", "quantity") values (?, ?, ?)
         on conflict ("book_id", "store_id") do update set "quantity" = "inventory"."quantity" + excluded."quantity" ${RETURNING}`,
        [bookId, storeId, delta],
      );
      auditStock(tx, actor, 'adjustStock', bookId, storeId, row.quantity === delta ? null : row.quantity - delta, row.quantity);
      return row;
    } catch (err) {
      throw mapLinkError(err, storeId, bookId);
    }
  });
}

/** Removes the link; false when there was none. */
export async function removeBookFromStore(em: EntityManager, actor: Actor, storeId: number, bookId: number): Promise<boolean> {
  return em.transactional(async (tx) => {
    const rows = await tx.execute<{ quantity: number }[]>(
      'delete from "inventory" where "book_id" = ? and "store_id" = ? returning "quantity"',
      [bookId, storeId],
    );
    if (rows.length > 0) {
      auditStock(tx, actor, 'removeBookFromStore', bookId, storeId, rows[0].quantity, null);
      return true;
    }
    await assertBothExist(tx, storeId, bookId);
    recordAudit(tx, actor, { action: 'removeBookFromStore', entity: 'Inventory', entityId: `${bookId}:${storeId}`, changes: {} });
    return false;
  });
}
