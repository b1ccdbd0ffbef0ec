// The query engine's model of every GraphQL type backed by a table, DERIVED at module load from the
// entities (registry/derive.ts): a column added to an entity is read, filtered, sorted and audited.
import { deriveModels } from './registry/derive.js';
import { raw, sql, type Sql } from './sql.js';
import type { Column, ManyRelation, Model } from './model-types.js';
import { tableRef } from './table-ref.js';

export type { Column, ColumnKind, ManyRelation, Model, OneRelation } from './model-types.js';

const models = deriveModels();

function model(entity: string): Model {
  const found = models.get(entity);
  if (!found) throw new Error(`no entity ${entity}`);
  return found;
}

export const AuthorModel = model('Author');
export const BookModel = model('Book');
export const StoreModel = model('Store');
export const InventoryModel = model('Inventory');
export const AuditEntryModel = model('AuditEntry');
/** Users as GraphQL shows them: never the password hash (it has no @Field). */
export const UserModel = model('User');

export function columnRef(alias: string, column: Column): Sql {
  return raw(`"${alias}"."${column.column}"`);
}

/** `"a"."created_at" AS "createdAt", ...` for every column of the model (or only those named). */
export function selectList(model: Model, alias: string, fields?: Iterable<string>): Sql {
  const names = fields ? [...new Set(fields)].filter((f) => f in model.columns) : Object.keys(model.columns);
  return raw(names.map((f) => `"${alias}"."${model.columns[f].column}" AS "${f}"`).join(', '));
}

/** Separates the columns of a joined to-one relation in a row: `author$name` is `name` of `author`. */
export const JOINED = '$';

/**
 * For each to-one relation in `include`: a LEFT JOIN of its table and every one of its columns,
 * aliased `<field>$<column>`, so one statement also brings the related row.
 */
export function joinedRelations(model: Model, alias: string, include: readonly string[] = []): { select: Sql; joins: Sql } {
  const selects: string[] = [];
  const joins: Sql[] = [];
  for (const field of include) {
    const relation = model.relations[field];
    if (relation?.kind !== 'one') continue;
    const target = relation.target();
    const to = `${alias}_${field}`;
    for (const [name, column] of Object.entries(target.columns)) selects.push(`"${to}"."${column.column}" AS "${field}${JOINED}${name}"`);
    joins.push(sql` LEFT JOIN ${tableRef(target.table, to)} ON ${relation.link(alias, to)}`);
  }
  return { select: raw(selects.map((c) => `, ${c}`).join('')), joins: joins.reduce((acc, j) => sql`${acc}${j}`, raw('')) };
}

/** The to-many relations that GraphQL exposes as paged list fields, by loader name (`Author.books`). */
export const lists: Readonly<Record<string, ManyRelation>> = Object.fromEntries(
  [...models.values()].flatMap((m) => Object.entries(m.relations).flatMap(([field, r]) => (r.kind === 'many' ? [[`${m.name}.${field}`, r]] : []))),
);

export type ListName = string;

export function listRelation(name: ListName): ManyRelation {
  const relation = lists[name];
  if (!relation) throw new Error(`${name} is not a to-many relation`);
  return relation;
}
