import { seekParts, type Seek } from './cursor.js';
import { filterToSql, type FilterInput } from './filters.js';
import { joinedRelations, selectList, type ManyRelation, type Model } from './model.js';
import { orderToKeys, type OrderByInput } from './order.js';
import { limitSql, type PageWindow } from './pagination.js';
import { sql, type Sql } from './sql.js';
import { tableRef } from './table-ref.js';

/** What a list statement is asked for: filter, sort, the validated page, columns and joined relations. */
export interface ListQuery {
  filter?: FilterInput | null;
  orderBy?: OrderByInput[] | null;
  page: PageWindow;
  /** Fields to select (all when absent). */
  columns?: string[];
  /** To-one relations to bring in the same statement (see joinedRelations). */
  include?: string[];
  /** For a connection: the keyset window (then `page.offset` is 0 and rows carry `__cursor`). */
  seek?: Seek;
}

const T = 't';

/** One page of a top-level list, fetching `limit + 1` rows to learn whether a next page exists. */
export function listStatement(model: Model, args: ListQuery): Sql {
  const where = filterToSql(model, T, args.filter);
  const { where: seek, order, cursor } = seekParts(orderToKeys(model, T, args.orderBy), args.seek);
  const joined = joinedRelations(model, T, args.include);
  return sql`SELECT ${selectList(model, T, args.columns)}${joined.select}${cursor} FROM ${tableRef(model.table, T)}${joined.joins} WHERE ${where}${seek} ORDER BY ${order} ${limitSql(args.page.limit + 1, args.page.offset)}`;
}

export function countStatement(model: Model, filter?: FilterInput | null): Sql {
  return sql`SELECT count(*)::int AS "count" FROM ${tableRef(model.table, T)} WHERE ${filterToSql(model, T, filter)}`;
}

/**
 * One page per parent for a to-many relation, for all parents in ONE statement: a LATERAL
 * subquery per parent id, numbered so rows come back grouped by parent in sort order.
 */
export function perParentListStatement(relation: ManyRelation, parentIds: readonly number[], args: ListQuery): Sql {
  const model = relation.target();
  const where = filterToSql(model, T, args.filter);
  const { where: seek, order, cursor } = seekParts(orderToKeys(model, T, args.orderBy, relation.tiebreak), args.seek);
  const joined = joinedRelations(model, T, args.include);
  return sql`SELECT "p"."parent" AS "__parent", "x".* FROM unnest(${parentIds}::int[]) WITH ORDINALITY AS "p"("parent", "ord")
 CROSS JOIN LATERAL (SELECT ${selectList(model, T, args.columns)}${joined.select}${cursor}, row_number() OVER (ORDER BY ${order}) AS "__rn"
  FROM ${relation.from(T)}${joined.joins} WHERE ${relation.parentKey(T)} = "p"."parent" AND ${where}${seek}
  ORDER BY ${order} ${limitSql(args.page.limit + 1, args.page.offset)}) "x"
 ORDER BY "p"."ord", "x"."__rn"`;
}

/** COUNT of related rows per parent (those matching `filter`), for all parents in one statement. */
export function perParentCountStatement(relation: ManyRelation, parentIds: readonly number[], filter?: FilterInput | null): Sql {
  const model = relation.target();
  const key = relation.parentKey(T);
  return sql`SELECT ${key} AS "parent", count(*)::int AS "count" FROM ${relation.from(T)}
 WHERE ${key} = ANY(${parentIds}::int[]) AND ${filterToSql(model, T, filter)} GROUP BY ${key}`;
}

export function byIdsStatement(model: Model, ids: readonly number[], include?: readonly string[]): Sql {
  const joined = joinedRelations(model, T, include);
  return sql`SELECT ${selectList(model, T)}${joined.select} FROM ${tableRef(model.table, T)}${joined.joins} WHERE "t"."id" = ANY(${ids}::int[])`;
}
