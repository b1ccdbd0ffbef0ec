// Connections on the resolver path: the list statements of pages.ts with a keyset seek in place
// of the OFFSET (list-query.ts adds it through cursor.ts), batched per parent by the loaders.
import type { Context } from '../context.js';
import { seekOf, sortSignature, toConnection, type Connection, type CursorArgs, type Seek } from './cursor.js';
import type { FilterInput } from './filters.js';
import { countStatement, listStatement, type ListQuery } from './list-query.js';
import { listRelation, type ListName, type Model } from './model.js';

export interface ConnectionFieldArgs extends CursorArgs {
  filter?: FilterInput | null;
}

/** The list query of a connection: every column (edges carry whole rows), no offset, the seek. */
function connectionQuery(model: Model, a: ConnectionFieldArgs, tiebreak?: string): ListQuery & { seek: Seek } {
  // One key per orderBy element, plus the tiebreak.
  const seek = seekOf(a, sortSignature(model, a.orderBy, tiebreak), (a.orderBy?.length ?? 0) + 1);
  return { filter: a.filter, orderBy: a.orderBy, page: { offset: 0, limit: seek.size }, seek };
}

/** A connection over a top-level list; COUNT runs only if `totalCount` is resolved. */
export async function rootConnection<T>(ctx: Context, model: Model, a: ConnectionFieldArgs): Promise<Connection<T>> {
  const query = connectionQuery(model, a);
  const rows = await ctx.db.query<T & { __cursor: string }>(listStatement(model, query));
  return toConnection(rows, query.seek, async () => {
    const [row] = await ctx.db.query<{ count: number }>(countStatement(model, query.filter));
    return row.count;
  });
}

/** A connection over one parent's related rows, batched with its siblings through the loaders. */
export async function relationConnection<T>(ctx: Context, name: ListName, parentId: number, a: ConnectionFieldArgs): Promise<Connection<T>> {
  const relation = listRelation(name);
  const query = connectionQuery(relation.target(), a, relation.tiebreak);
  const rows = await ctx.loaders.list<T & { __cursor: string }>(name, query).load(parentId);
  return toConnection(rows, query.seek, () => ctx.loaders.count(name, query.filter).load(parentId));
}
