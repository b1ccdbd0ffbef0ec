import type { Context } from '../context.js';
import type { FilterInput } from './filters.js';
import { countStatement, listStatement } from './list-query.js';
import type { ListName, Model } from './model.js';
import type { OrderByInput } from './order.js';
import { pageArgs, toPage, type Page } from './pagination.js';

export interface ListFieldArgs {
  filter?: FilterInput | null;
  orderBy?: OrderByInput[] | null;
  offset?: number | null;
  limit?: number | null;
}

/** A page of a top-level list; COUNT runs only if `totalCount` is resolved. */
export async function rootPage<T>(ctx: Context, model: Model, a: ListFieldArgs, columns?: readonly string[]): Promise<Page<T>> {
  const args = { filter: a.filter, orderBy: a.orderBy, page: pageArgs(a.offset, a.limit), columns };
  const rows = await ctx.db.query<T>(listStatement(model, args));
  return toPage(rows, args.page, async () => {
    const [row] = await ctx.db.query<{ count: number }>(countStatement(model, args.filter));
    return row.count;
  });
}

/** A page of a to-many relation of one parent, batched with its siblings through the loaders. */
export async function relationPage<T>(ctx: Context, name: ListName, parentId: number, a: ListFieldArgs, columns?: readonly string[]): Promise<Page<T>> {
  const args = { filter: a.filter, orderBy: a.orderBy, page: pageArgs(a.offset, a.limit), columns };
  const rows = await ctx.loaders.list<T>(name, args).load(parentId);
  return toPage(rows, args.page, () => ctx.loaders.count(name, args.filter).load(parentId));
}
