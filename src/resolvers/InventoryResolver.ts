import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { actorOf, WRITERS } from '../auth/auth-checker.js';
import type { Context } from '../context.js';
import type { InventoryRoot } from './roots.js';
import { Book } from '../entities/Book.js';
import { Inventory } from '../entities/Inventory.js';
import { Store } from '../entities/Store.js';
import { BookModel, StoreModel } from '../query/model.js';
import { MUTATIONS, runAll, runOne } from '../graphql/mutation-specs.js';
import { inventoryId, removeBookFromStore, type InventoryRow } from '../services/inventory.js';
import { SetStockInput } from '../types/nested-inputs.js';
import { parseId } from '../validation/ids.js';

@Resolver(() => Inventory)
export class InventoryResolver {
  // Derived from the primary key, so a client cache (Apollo InMemoryCache, urql graphcache)
  // normalises stock rows with no type policy; the audit log uses the same form as entityId.
  @FieldResolver(() => ID, { description: 'Stable and unique: "<bookId>:<storeId>" (the same string as the audit log\'s entityId for this link).' })
  id(@Root() row: InventoryRoot): string {
    return inventoryId(row.bookId, row.storeId);
  }

  @FieldResolver(() => Book)
  async book(@Root() row: InventoryRoot, @Ctx() ctx: Context): Promise<Book> {
    return (await ctx.loaders.byId<Book>(BookModel).load(row.bookId))!;
  }

  @FieldResolver(() => Store)
  async store(@Root() row: InventoryRoot, @Ctx() ctx: Context): Promise<Store> {
    return (await ctx.loaders.byId<Store>(StoreModel).load(row.storeId))!;
  }

  @Authorized(WRITERS)
  @Mutation(() => Inventory, { description: 'Creates the link when absent; quantity >= 0.' })
  setStock(
    @Arg('storeId', () => ID) storeId: string,
    @Arg('bookId', () => ID) bookId: string,
    @Arg('quantity', () => Int) quantity: number,
    @Ctx() ctx: Context,
  ): Promise<InventoryRow> {
    return runOne(MUTATIONS.setStock, ctx.db, actorOf(ctx), { storeId, bookId, quantity });
  }

  @Authorized(WRITERS)
  @Mutation(() => [Inventory], { description: 'Up to 1000 setStock, all or nothing; an error names its item (inputs.<i>.<field>). In input order.' })
  setStocks(@Arg('inputs', () => [SetStockInput]) inputs: SetStockInput[], @Ctx() ctx: Context): Promise<InventoryRow[]> {
    return runAll(MUTATIONS.setStocks, ctx.db, actorOf(ctx), { inputs });
  }

  @Authorized(WRITERS)
  @Mutation(() => Inventory, { description: 'Atomic under concurrency; CONFLICT if the stock would go below 0.' })
  adjustStock(
    @Arg('storeId', () => ID) storeId: string,
    @Arg('bookId', () => ID) bookId: string,
    @Arg('delta', () => Int) delta: number,
    @Ctx() ctx: Context,
  ): Promise<InventoryRow> {
    return runOne(MUTATIONS.adjustStock, ctx.db, actorOf(ctx), { storeId, bookId, delta });
  }

  @Authorized(WRITERS)
  @Mutation(() => Boolean, { description: 'false when there was no link.' })
  removeBookFromStore(@Arg('storeId', () => ID) storeId: string, @Arg('bookId', () => ID) bookId: string, @Ctx() ctx: Context): Promise<boolean> {
    return removeBookFromStore(ctx.db, actorOf(ctx), parseId(storeId, 'storeId'), parseId(bookId, 'bookId'));
  }
}
