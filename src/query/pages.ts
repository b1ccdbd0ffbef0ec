import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import type { FilterInput } from './filters.js';
import { countStatement, listStatement } from './list-query.js';
import type { OrderByInput } from './order.js';
import { pageArgs, toPage, type Page } from './pagination.js';
import { itemColumns, selectedRelations } from './selection.js';
import { listRelation, type ListName, type Model } from './model.js';

export interface ListFieldArgs {
  filter?: FilterInput | null;
  orderBy?: OrderByInput[] | null;
  offset?: number | null;
  limit?: number | null;
}

/** A page of a top-level list; COUNT runs only if `totalCount` is resolved. */
export async function rootPage<T>(ctx: Context, model: Model, a: ListFieldArgs, info?: GraphQLResolveInfo): Promise<Page<T>> {
  const include = selectedRelations(model, info, true);
  const args = { filter: a.filter, orderBy: a.orderBy, page: pageArgs(a.offset, a.limit), columns: itemColumns(model, info), include };
  const rows = await ctx.db.query<T & Record<string, unknown>>(listStatement(model, args));
  ctx.loaders.primeJoined(model, rows, include);
  return toPage(rows, args.page, async () => {
    const [row] = await ctx.db.query<{ count: number }>(countStatement(model, args.filter));
    return row.count;
  });
}

/** A page of a to-many relation of one parent, batched with its siblings through the loaders. */
export async function relationPage<T>(ctx: Context, name: ListName, parentId: number, a: ListFieldArgs, info?: GraphQLResolveInfo): Promise<Page<T>> {
  const target = listRelation(name).target();
  const args = {
    filter: a.filter,
    orderBy: a.orderBy,
    page: pageArgs(a.offset, a.limit),
    columns: itemColumns(target, info),
    include: selectedRelations(target, info, true),
  };
  const rows = await ctx.loaders.list<T>(name, args).load(parentId);
  return toPage(rows, args.page, () => ctx.loaders.count(name, args.filter).load(parentId));
}
