import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf, WRITERS } from '../auth/auth-checker.js';
import type { Context } from '../context.js';
import type { IdRoot } from './roots.js';
import type { Book } from '../entities/Book.js';
import type { Inventory } from '../entities/Inventory.js';
import { Store } from '../entities/Store.js';
import { StoreModel } from '../query/model.js';
import { relationPage, rootPage } from '../query/pages.js';
import type { Page } from '../query/pagination.js';
import { MUTATIONS, runOne } from '../graphql/mutation-specs.js';
import { createStore, deleteStore, updateStore } from '../services/stores.js';
import type { Row } from '../services/write-types.js';
import { CreateStoreInput, UpdateStoreInput } from '../types/inputs.js';
import { BookPage, InventoryPage, StorePage } from '../types/pages.js';
import { parseId } from '../validation/ids.js';
import { BookListArgs, OffsetLimitArgs, StoreListArgs } from './args.js';

@Resolver(() => Store)
export class StoreResolver {
  @Query(() => Store, { nullable: true, description: 'null when absent' })
  store(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Store | null> {
    return ctx.loaders.byId<Store>(StoreModel).load(parseId(id));
  }

  @Query(() => StorePage)
  stores(@Args(() => StoreListArgs) args: StoreListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Page<Store>> {
    return rootPage<Store>(ctx, StoreModel, args, info);
  }

  @FieldResolver(() => BookPage)
  books(@Root() store: IdRoot, @Args(() => BookListArgs) args: BookListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Page<Book>> {
    return relationPage<Book>(ctx, 'Store.books', store.id, args, info);
  }

  @FieldResolver(() => InventoryPage)
  inventory(
    @Root() store: IdRoot,
    @Args(() => OffsetLimitArgs) args: OffsetLimitArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<Inventory>> {
    return relationPage<Inventory>(ctx, 'Store.inventory', store.id, args, info);
  }

  @FieldResolver(() => Int, { description: 'How many different books the store stocks.' })
  bookCount(@Root() store: IdRoot, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.aggregate(StoreModel, 'bookCount').load(store.id);
  }

  @Authorized(WRITERS)
  @Mutation(() => Store)
  createStore(@Arg('input', () => CreateStoreInput) input: CreateStoreInput, @Ctx() ctx: Context): Promise<Row> {
    return createStore(ctx.db, actorOf(ctx), input);
  }

  @Authorized(WRITERS)
  @Mutation(() => Store, { description: 'Creates the store, or updates the one with this name (case-insensitive).' })
  upsertStore(@Arg('input', () => CreateStoreInput) input: CreateStoreInput, @Ctx() ctx: Context): Promise<Row> {
    return runOne(MUTATIONS.upsertStore, ctx.db, actorOf(ctx), { input });
  }

  @Authorized(WRITERS)
  @Mutation(() => Store)
  updateStore(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateStoreInput) input: UpdateStoreInput, @Ctx() ctx: Context): Promise<Row> {
    return updateStore(ctx.db, actorOf(ctx), parseId(id), input);
  }

  @Authorized(WRITERS)
  @Mutation(() => ID, { description: 'Also removes its inventory rows.' })
  async deleteStore(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<string> {
    return String(await deleteStore(ctx.db, actorOf(ctx), parseId(id)));
  }
}
