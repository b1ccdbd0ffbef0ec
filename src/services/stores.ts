import type { Database } from '../db/database.js';
import { NotFoundError } from '../errors.js';
import { StoreModel } from '../query/model.js';
import { sql } from '../query/sql.js';
import type { Actor } from './audit.js';
import type { Row, StorePatch, StoreValues } from './write-types.js';
import { actionText, deleteRows, insertRows, tableOf, updateRow, upsertAction, upsertRows, type ItemSql } from './write-sql.js';

const stores = (db: Database) => tableOf(db.orm.getMetadata(), StoreModel);
const rowOf = (input: StoreValues) => ({ name: input.name.trim(), city: input.city ?? null });

export async function createStore(db: Database, actor: Actor, input: StoreValues): Promise<Row> {
  return (await db.query<Row>(insertRows(stores(db), [rowOf(input)], actor, 'createStore')))[0];
}

/** Insert, or update the store with this name (case-insensitive); one statement, safe under concurrency. */
export async function upsertStore(db: Database, actor: Actor, input: StoreValues, item?: ItemSql): Promise<Row> {
  return (await db.query<Row>(upsertRows(stores(db), [rowOf(input)], { target: '(lower("name"))' }, actor, upsertAction('upsertStore'), item)))[0];
}

export async function updateStore(db: Database, actor: Actor, id: number, input: StorePatch): Promise<Row> {
  const [row] = await db.query<Row & { $found: boolean }>(updateRow(stores(db), id, { ...input, name: input.name?.trim() }, null, actor, 'updateStore'));
  if (!row.$found) throw new NotFoundError('Store', id);
  return row;
}

/** Deletes the store; its inventory rows go with it (ON DELETE CASCADE). */
export async function deleteStore(db: Database, actor: Actor, id: number): Promise<number> {
  const rows = await db.query<Row>(deleteRows(stores(db), sql`"id" = ${id}`, actor, actionText('deleteStore')));
  if (rows.length === 0) throw new NotFoundError('Store', id);
  return id;
}
