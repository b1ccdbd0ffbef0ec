import type { Database } from '../db/database.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors.js';
import { compositeIdOf } from '../query/composite-id.js';
import { InventoryModel } from '../query/model.js';
import { raw, sql, type Sql } from '../query/sql.js';
import { parseId } from '../validation/ids.js';
import type { Actor } from './audit.js';
import { checkItemCount, checkRepeats, itemError } from './items.js';
import type { InventoryRow, StockItem } from './write-types.js';
import { actionText, AUDIT_INTO, auditActor, deleteRows, tableOf, updateRows, upsertRows, type ItemSql } from './write-sql.js';

export type { InventoryRow } from './write-types.js';

type Query = <R>(statement: Sql) => Promise<R[]>;

const inventory = (db: Database) => tableOf(db.orm.getMetadata(), InventoryModel);
const LINK = '("book_id", "store_id")';

/** The stable id of an inventory link (GraphQL `Inventory.id`, audit `entityId`): the primary key's order. */
export const inventoryId = (bookId: number, storeId: number): string => compositeIdOf(InventoryModel, { bookId, storeId });

/** NOT_FOUND naming the missing side, when the book or the store does not exist. */
async function assertBothExist(db: Database, storeId: number, bookId: number): Promise<void> {
  const [row] = await db.query<{ book: boolean; store: boolean }>(
    sql`SELECT EXISTS (SELECT 1 FROM "book" WHERE "id" = ${bookId}) AS "book", EXISTS (SELECT 1 FROM "store" WHERE "id" = ${storeId}) AS "store"`,
  );
  if (!row.store) throw new NotFoundError('Store', storeId);
  if (!row.book) throw new NotFoundError('Book', bookId);
}

function mapLinkError(err: unknown, storeId: number, bookId: number): unknown {
  const e = err as { code?: string; constraint?: string };
  if (e?.code === '23503' && e.constraint === 'inventory_store_id_foreign') return new NotFoundError('Store', storeId);
  if (e?.code === '23503' && e.constraint === 'inventory_book_id_foreign') return new NotFoundError('Book', bookId);
  return err;
}

/**
 * Sets the quantity of many links in one statement, creating those that are absent; each item's
 * errors are at `<path>.storeId` / `.bookId` / `.quantity`. Returns the rows in the items' order.
 */
export async function writeStock(
  db: Database,
  query: Query,
  actor: Actor,
  items: (StockItem & { path: string })[],
  action: string,
  item?: ItemSql,
): Promise<InventoryRow[]> {
  const rows = items.map((item) => {
    if (item.quantity < 0) throw new BadUserInputError([{ path: `${item.path}.quantity`, message: 'must be 0 or more' }]);
    return { bookId: parseId(item.bookId, `${item.path}.bookId`), storeId: parseId(item.storeId, `${item.path}.storeId`), quantity: item.quantity };
  });
  checkRepeats(
    rows.map((r) => inventoryId(r.bookId, r.storeId)),
    (i) => items[i].path,
    'storeId',
  );
  const written = await query<InventoryRow>(upsertRows(inventory(db), rows, { target: LINK }, actor, actionText(action), item)).catch((err: unknown) => {
    throw itemError(err, inventory(db), rows, (i) => items[i].path);
  });
  const byId = new Map(written.map((r) => [inventoryId(r.bookId, r.storeId), r]));
  return rows.map((r) => byId.get(inventoryId(r.bookId, r.storeId))!);
}

/** Sets the quantity, creating the link when absent: one statement (`item`: write-sql.ts ItemSql). */
export async function setStock(db: Database, actor: Actor, storeId: number, bookId: number, quantity: number, item?: ItemSql): Promise<InventoryRow> {
  if (quantity < 0) throw new BadUserInputError([{ path: 'quantity', message: 'must be 0 or more' }]);
  const [row] = await db
    .query<InventoryRow>(upsertRows(inventory(db), [{ bookId, storeId, quantity }], { target: LINK }, actor, actionText('setStock'), item))
    .catch((err: unknown) => {
      throw mapLinkError(err, storeId, bookId);
    });
  return row;
}

/** Up to 1,000 `setStock`s, all or nothing, in one statement; errors at `inputs.<i>.<field>`. */
export async function setStocks(db: Database, actor: Actor, items: StockItem[], item?: ItemSql): Promise<InventoryRow[]> {
  checkItemCount(items.length, 'inputs');
  if (items.length === 0) return [];
  return writeStock(
    db,
    (s) => db.query(s),
    actor,
    items.map((stock, i) => ({ ...stock, path: `inputs.${i}` })),
    'setStock',
    item,
  );
}

/**
 * Adds `delta` in one statement (a missing link starts from 0), so concurrent calls serialise on
 * the row lock and the CHECK constraint refuses any result below 0 (CONFLICT). A negative delta
 * only ever updates (inserting it would fail the CHECK first); finding no link, a second
 * statement tells NOT_FOUND from CONFLICT.
 */
export async function adjustStock(db: Database, actor: Actor, storeId: number, bookId: number, delta: number, item?: ItemSql): Promise<InventoryRow> {
  const add = raw('"quantity" = "t"."quantity" + "excluded"."quantity"');
  const statement =
    delta >= 0
      ? upsertRows(inventory(db), [{ bookId, storeId, quantity: delta }], { target: LINK, set: [add] }, actor, actionText('adjustStock'), item)
      : updateRows(
          inventory(db),
          [sql`"quantity" = "t"."quantity" + ${delta}`],
          sql`"t"."book_id" = ${bookId} AND "t"."store_id" = ${storeId}`,
          actor,
          actionText('adjustStock'),
          item,
        );
  const [row] = await db.query<InventoryRow>(statement).catch((err: unknown) => {
    if ((err as { code?: string })?.code === '22003') throw new BadUserInputError([{ path: 'delta', message: 'would take the stock above 2147483647' }]);
    throw mapLinkError(err, storeId, bookId);
  });
  if (row) return row;
  await assertBothExist(db, storeId, bookId);
  throw new ConflictError('Stock would go below 0', [{ path: 'delta', message: 'would take the stock below 0' }]);
}

/** Removes the link; false when there was none (audited all the same, when book and store exist). */
export async function removeBookFromStore(db: Database, actor: Actor, storeId: number, bookId: number): Promise<boolean> {
  const removed = await db.query(deleteRows(inventory(db), sql`"book_id" = ${bookId} AND "store_id" = ${storeId}`, actor, actionText('removeBookFromStore')));
  if (removed.length > 0) return true;
  const [row] = await db.query<{ book: boolean; store: boolean }>(sql`WITH "c" AS (
      SELECT EXISTS (SELECT 1 FROM "book" WHERE "id" = ${bookId}) AS "book", EXISTS (SELECT 1 FROM "store" WHERE "id" = ${storeId}) AS "store"),
    "a" AS (${AUDIT_INTO} SELECT ${auditActor(actor)}, 'removeBookFromStore', 'Inventory', ${inventoryId(bookId, storeId)}, '{}'::jsonb FROM "c" WHERE "book" AND "store")
    SELECT * FROM "c"`);
  if (!row.store) throw new NotFoundError('Store', storeId);
  if (!row.book) throw new NotFoundError('Book', bookId);
  return false;
}
