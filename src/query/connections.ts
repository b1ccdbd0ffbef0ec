// Connections on the resolver path: the list statements of pages.ts with a keyset seek in place
// of the OFFSET (list-query.ts adds it through cursor.ts), batched per parent by the loaders.
import type { Context } from '../context.js';
import { cappedCountSql, cappedInfo, countPlan, CountMode, estimatedInfo, type CountArgs, type CountInfo } from './count-modes.js';
import { seekOf, sortSignature, toConnection, type Connection, type CursorArgs, type Seek } from './cursor.js';
import { filterToSql, type FilterInput } from './filters.js';
import { countStatement, listStatement, type ListQuery } from './list-query.js';
import { listRelation, type ListName, type Model } from './model.js';
import { sql } from './sql.js';
import { tableRef } from './table-ref.js';

export interface ConnectionFieldArgs extends CursorArgs {
  filter?: FilterInput | null;
}

/** The list query of a connection: every column (edges carry whole rows), no offset, the seek. */
function connectionQuery(model: Model, a: ConnectionFieldArgs, tiebreak?: string): ListQuery & { seek: Seek } {
  // One key per orderBy element, plus the tiebreak.
  const seek = seekOf(a, sortSignature(model, a.orderBy, tiebreak), (a.orderBy?.length ?? 0) + 1);
  return { filter: a.filter, orderBy: a.orderBy, page: { offset: 0, limit: seek.size }, seek };
}

/** A connection over a top-level list; its counts run only if selected. */
export async function rootConnection<T>(ctx: Context, model: Model, a: ConnectionFieldArgs): Promise<Connection<T>> {
  const query = connectionQuery(model, a);
  const rows = await ctx.db.query<T & { __cursor: string }>(listStatement(model, query));
  const totalCount = async () => (await ctx.db.query<{ count: number }>(countStatement(model, query.filter)))[0].count;
  const fromWhere = sql`${tableRef(model.table, 't')} WHERE ${filterToSql(model, 't', query.filter)}`;
  const count = async (args: CountArgs): Promise<CountInfo> => {
    const plan = countPlan(args);
    if (plan.mode === CountMode.ESTIMATED) return estimatedInfo(ctx.db, fromWhere);
    if (plan.mode === CountMode.EXACT) return { value: await totalCount(), mode: CountMode.EXACT, capped: false };
    const [row] = await ctx.db.query<{ count: number }>(sql`SELECT ${cappedCountSql(fromWhere, plan.max)} AS "count"`);
    return cappedInfo(row.count, plan.max);
  };
  return toConnection(rows, query.seek, { totalCount, count });
}

/**
 * A connection over one parent's related rows, batched with its siblings through the loaders.
 * One parent's rows are few and found by index, so ESTIMATED answers an exact count (and says so).
 */
export async function relationConnection<T>(ctx: Context, name: ListName, parentId: number, a: ConnectionFieldArgs): Promise<Connection<T>> {
  const relation = listRelation(name);
  const query = connectionQuery(relation.target(), a, relation.tiebreak);
  const rows = await ctx.loaders.list<T & { __cursor: string }>(name, query).load(parentId);
  const totalCount = () => ctx.loaders.count(name, query.filter).load(parentId);
  const count = async (args: CountArgs): Promise<CountInfo> => {
    const plan = countPlan(args);
    const exact = await totalCount();
    return plan.mode === CountMode.CAPPED ? cappedInfo(exact, plan.max) : { value: exact, mode: CountMode.EXACT, capped: false };
  };
  return toConnection(rows, query.seek, { totalCount, count });
}
