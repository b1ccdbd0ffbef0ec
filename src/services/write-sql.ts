import type { MetadataStorage } from '@mikro-orm/core';
import type { ColumnKind, Model } from '../query/model.js';
import { join, raw, sql, type Sql } from '../query/sql.js';
import type { Actor } from './audit.js';

/**
 * Every write is ONE statement: a data-modifying CTE `w` that writes the rows and returns each
 * one's old and new values (PostgreSQL 18 `RETURNING old.*, new.*`), a CTE that inserts one
 * audit entry per row with the fields that changed, and a SELECT of the written rows. So the
 * audit entry commits or fails with the change, and concurrent writers serialise on row locks.
 * Which columns are written and audited comes from the entity metadata, never a list per entity.
 */
export interface Table {
  model: Model;
  /** Fields a mutation writes (no generated key, version, timestamps). */
  fields: string[];
  /** Fields the audit log records: those written, less the identity (the entry's entityId). */
  audited: string[];
  /** `SET` pieces for columns the database moves on every real change (version + 1, updated_at). */
  bumps: { field: string; value: (alias: string) => string }[];
  /** The fields whose values, joined with ':', are the audit entityId (`id`, or `bookId:storeId`). */
  identity: string[];
}

const tables = new WeakMap<Model, Table>();

/** The fields that name one row: `id`, or the link's keys (`bookId`, `storeId`). */
export const keyFields = (model: Model): string[] => ('id' in model.columns ? ['id'] : model.keys);

export function tableOf(metadata: MetadataStorage, model: Model): Table {
  let table = tables.get(model);
  if (table) return table;
  const meta = metadata.find(model.name);
  if (!meta) throw new Error(`no entity metadata for ${model.name}`);
  const fieldOf = (column: string) => Object.keys(model.columns).find((f) => model.columns[f].column === column);
  const fields: string[] = [];
  const bumps: Table['bumps'] = [];
  for (const prop of meta.props) {
    const field = prop.fieldNames?.length === 1 ? fieldOf(prop.fieldNames[0]) : undefined;
    if (!field || prop.persist === false) continue;
    const column = model.columns[field].column;
    if (prop.version) bumps.push({ field, value: (a) => `"${a}"."${column}" + 1` });
    else if (prop.onUpdate) bumps.push({ field, value: () => 'now()' });
    else if (!(prop.primary && prop.autoincrement !== false && field === 'id') && prop.defaultRaw === undefined) fields.push(field);
  }
  const identity = keyFields(model);
  // What the audit log records is the model's fact (Column.audited), the same one reads use.
  const audited = fields.filter((f) => model.columns[f].audited && !identity.includes(f));
  table = { model, fields, bumps, identity, audited };
  tables.set(model, table);
  return table;
}

const PG_TYPES: Record<ColumnKind, string> = { id: 'int4', string: 'text', int: 'int4', float: 'numeric', datetime: 'timestamptz', json: 'jsonb' };

export const col = (table: Table, field: string): string => `"${table.model.columns[field].column}"`;

/** `$n::type` (or `::type[]`): a bound value as the column's PostgreSQL type. */
const typed = (table: Table, field: string, value: unknown, array = false): Sql =>
  sql`${value}::${raw(PG_TYPES[table.model.columns[field].kind] + (array ? '[]' : ''))}`;

/**
 * `unnest($1::text[], ...) AS "u"(field, ...)`: many rows as one bound array per column. One row is
 * `(VALUES ($1::text, ...))` instead: PostgreSQL plans a prepared statement over unnest of bound
 * arrays anew on every run (its generic plan guesses 10 rows, so each run's custom plan looks
 * cheaper), and for a single-row write that planning cost more than running it.
 */
export function unnestRows(table: Table, rows: Record<string, unknown>[], fields = table.fields): Sql {
  const as = raw(`AS "u"(${fields.map((f) => col(table, f)).join(', ')})`);
  if (rows.length === 1) {
    const values = fields.map((f) => typed(table, f, rows[0][f] ?? null));
    return sql`(VALUES (${join(values, ', ')})) ${as}`;
  }
  const arrays = fields.map((f) =>
    typed(
      table,
      f,
      rows.map((r) => r[f] ?? null),
      true,
    ),
  );
  return sql`unnest(${join(arrays, ', ')}) ${as}`;
}

/** What `w` returns: every column new as itself, the audited ones old as `old$field`. */
function returning(table: Table): Sql {
  // The identity also of a deleted row, whose new values are all null.
  const news = Object.entries(table.model.columns).map(([f, c]) =>
    table.identity.includes(f) ? `coalesce(new."${c.column}", old."${c.column}") AS "${f}"` : `new."${c.column}" AS "${f}"`,
  );
  const olds = table.audited.map((f) => `old.${col(table, f)} AS "old$${f}"`);
  const inserted = `old.${col(table, table.identity[0])} IS NULL AS "$inserted"`;
  return raw(`RETURNING ${[...news, ...olds, inserted].join(', ')}`);
}

/** A JSON value of a field as the audit log records it: ids as strings, the rest as they are. */
function auditValue(table: Table, expr: string, field: string): string {
  return table.model.columns[field].kind === 'id' ? `(${expr})::text` : expr;
}

/**
 * `{ field: { from, to } }` for the fields of the row in `w` whose value differs: one object per
 * field, or `{}`, joined with `||` (plain expressions: no set-returning function, join or aggregate
 * for PostgreSQL to run per written row).
 */
function changesOf(table: Table): string {
  if (!table.audited.length) return `'{}'::jsonb`;
  const change = (f: string) => {
    const [from, to] = [auditValue(table, `"w"."old$${f}"`, f), auditValue(table, `"w"."${f}"`, f)];
    return `CASE WHEN ${from} IS DISTINCT FROM ${to} THEN jsonb_build_object('${f}', jsonb_build_object('from', ${from}, 'to', ${to})) ELSE '{}'::jsonb END`;
  };
  return `(${table.audited.map(change).join(' || ')})`;
}

/** The audit entityId of the row in `w`. */
function identityOf(table: Table, row = '"w"'): string {
  return table.identity.map((f) => `${row}."${f}"::text`).join(` || ':' || `);
}

/** The audit log's columns, in the order every audit insert gives them: the actor's two first (auditActor). */
export const AUDIT_INTO = raw('INSERT INTO "audit_entry" ("actor_id", "actor_email", "action", "entity", "entity_id", "changes")');

/**
 * The actor's id and email as they are now (the entry keeps the email after the user is deleted).
 * Written here, not left to the trigger that fills it in for a writer that does not: one lookup
 * per statement instead of a PL/pgSQL call per row.
 */
export const auditActor = (actor: Actor | null): Sql =>
  actor ? sql`${actor.id}::int4, (SELECT "email" FROM "app_user" WHERE "id" = ${actor.id})` : raw('NULL::int4, NULL::text');

/**
 * `write` (returning `returning(table)`) as CTE `w`, its audit insert, then `select` (reading `w`).
 * `action` is SQL, so an upsert can say which it did.
 */
function audited(table: Table, write: Sql, actor: Actor | null, action: Sql, select: Sql): Sql {
  const { returns, identity, changes } = auditPieces(table);
  return sql`WITH "w" AS (${write} ${returns}),
  "a" AS (${AUDIT_INTO} SELECT ${auditActor(actor)}, ${action}, ${table.model.name}, ${identity}, ${changes} FROM "w")
  ${select}`;
}

const pieces = new WeakMap<Table, { returns: Sql; identity: Sql; changes: Sql }>();

/** What every write of the table says alike, made once per table (it is on every write's path). */
function auditPieces(table: Table): { returns: Sql; identity: Sql; changes: Sql } {
  let made = pieces.get(table);
  if (!made) pieces.set(table, (made = { returns: returning(table), identity: raw(identityOf(table)), changes: raw(changesOf(table)) }));
  return made;
}

/**
 * A column more on each written row, as text in `$item`: SQL over the row `"w"` (e.g. the
 * mutation's payload object, so a write and its answer are one statement; json-query.ts rowJson).
 */
export type ItemSql = Sql;

/** `SELECT` of every written row (with `$item` when asked), then `rest` (ORDER BY ...). */
const selectW = (item: ItemSql | undefined, rest = ''): Sql =>
  item ? sql`SELECT "w".*, (${item})::text AS "$item" FROM "w"${raw(rest)}` : raw(`SELECT * FROM "w"${rest}`);

/** INSERT of every row (in order: serial ids follow the input), each audited as `action`. */
export function insertRows(table: Table, rows: Record<string, unknown>[], actor: Actor | null, action: string, item?: ItemSql): Sql {
  const cols = raw(table.fields.map((f) => col(table, f)).join(', '));
  const write = sql`INSERT INTO ${raw(`"${table.model.table}"`)} (${cols}) SELECT * FROM ${unnestRows(table, rows)}`;
  return audited(table, write, actor, actionText(action), selectW(item, ` ORDER BY ${table.identity.map((f) => `"w"."${f}"`).join(', ')}`));
}

/** `(a.x, a.y) IS DISTINCT FROM (b.x, b.y)` over `fields`: only a real change moves version/updated_at. */
function bumpSet(table: Table, alias: string, distinct: Sql): Sql[] {
  return table.bumps.map(
    (b) => sql`${raw(col(table, b.field))} = CASE WHEN ${distinct} THEN ${raw(b.value(alias))} ELSE ${raw(`"${alias}".${col(table, b.field)}`)} END`,
  );
}

function rowOf(alias: string, table: Table, fields: string[]): string {
  return `ROW(${fields.map((f) => `"${alias}".${col(table, f)}`).join(', ')})`;
}

/** What an upsert does on a key that exists (the row is `t`); by default every field takes the new value. */
export interface OnConflict {
  /** The unique key, e.g. `("isbn")` or `(lower("email"))`. */
  target: string;
  set?: Sql[];
}

/**
 * INSERT of every row, or UPDATE of the row with the same key: concurrent upserts of one key
 * serialise on it and none fails. The audit entry's changes show old and new values.
 */
export function upsertRows(table: Table, rows: Record<string, unknown>[], conflict: OnConflict, actor: Actor | null, action: Sql, item?: ItemSql): Sql {
  const cols = raw(table.fields.map((f) => col(table, f)).join(', '));
  const distinct = raw(`${rowOf('t', table, table.fields)} IS DISTINCT FROM ${rowOf('excluded', table, table.fields)}`);
  const sets = conflict.set ?? [...table.fields.map((f) => raw(`${col(table, f)} = "excluded".${col(table, f)}`)), ...bumpSet(table, 't', distinct)];
  const write = sql`INSERT INTO ${raw(`"${table.model.table}"`)} AS "t" (${cols}) SELECT * FROM ${unnestRows(table, rows)} ON CONFLICT ${raw(conflict.target)} DO UPDATE SET ${join(sets, ', ')}`;
  return audited(table, write, actor, action, selectW(item));
}

/** The audit action of an upsert: `upsertBook:inserted` or `upsertBook:updated`. */
export const upsertAction = (name: string): Sql => sql`${name}::text || CASE WHEN "w"."$inserted" THEN ':inserted' ELSE ':updated' END`;

export const actionText = (action: string): Sql => sql`${action}::text`;

/**
 * UPDATE of the given fields of one row (`patch` holds only those), guarded by `where`; version
 * and updated_at move only when a value really changes. The last column `$found` says whether
 * the row existed before the statement, so no row written tells NOT_FOUND from a refused guard.
 */
export function updateRow(table: Table, id: number, patch: Record<string, unknown>, guard: Sql | null, actor: Actor | null, action: string): Sql {
  const t = `"${table.model.table}"`;
  const given = table.fields.filter((f) => patch[f] !== undefined);
  const values = given.map((f) => typed(table, f, patch[f] ?? null));
  const distinct = given.length ? sql`${raw(rowOf('t', table, given))} IS DISTINCT FROM ROW(${join(values, ', ')})` : raw('FALSE');
  const sets = given.length ? [...given.map((f, i) => sql`${raw(col(table, f))} = ${values[i]}`), ...bumpSet(table, 't', distinct)] : [raw('"id" = "t"."id"')];
  const write = sql`UPDATE ${raw(t)} "t" SET ${join(sets, ', ')} WHERE "t"."id" = ${id}${guard ? sql` AND ${guard}` : raw('')}`;
  const select = sql`SELECT "w".*, EXISTS (SELECT 1 FROM ${raw(t)} WHERE "id" = ${id}) AS "$found" FROM (SELECT 1) "one" LEFT JOIN "w" ON TRUE`;
  return audited(table, write, actor, actionText(action), select);
}

/** UPDATE `sets` of the rows matching `where` (of table alias `t`), each audited. */
export function updateRows(table: Table, sets: Sql[], where: Sql, actor: Actor | null, action: Sql, item?: ItemSql): Sql {
  return audited(table, sql`UPDATE ${raw(`"${table.model.table}"`)} "t" SET ${join(sets, ', ')} WHERE ${where}`, actor, action, selectW(item));
}

/** DELETE of the rows matching `where`, each audited with the values it held. */
export function deleteRows(table: Table, where: Sql, actor: Actor | null, action: Sql): Sql {
  return audited(table, sql`DELETE FROM ${raw(`"${table.model.table}"`)} WHERE ${where}`, actor, action, raw('SELECT * FROM "w"'));
}
