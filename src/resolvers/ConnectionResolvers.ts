// The connection fields (keyset cursors) beside each page field; pages stay in their resolvers.
import { Args, Ctx, FieldResolver, Query, Resolver, Root, type ClassType } from 'type-graphql';
import type { Context } from '../context.js';
import { Author } from '../entities/Author.js';
import { Book } from '../entities/Book.js';
import type { Inventory } from '../entities/Inventory.js';
import { Store } from '../entities/Store.js';
import { relationConnection, rootConnection } from '../query/connections.js';
import type { Connection } from '../query/cursor.js';
import { AuthorModel, BookModel, StoreModel } from '../query/model.js';
import { AuthorConnection, BookConnection, CountInfo, InventoryConnection, StoreConnection } from '../types/connections.js';
import { AuthorConnectionArgs, BookConnectionArgs, CountModeArgs, CursorArgs, StoreConnectionArgs } from './connection-args.js';
import type { IdRoot } from './roots.js';

@Resolver(() => Author)
export class AuthorConnectionResolver {
  @Query(() => AuthorConnection, { description: 'The authors with keyset cursors: deep pages cost what the first does.' })
  authorsConnection(@Args(() => AuthorConnectionArgs) args: AuthorConnectionArgs, @Ctx() ctx: Context): Promise<Connection<Author>> {
    return rootConnection<Author>(ctx, AuthorModel, args);
  }

  @FieldResolver(() => BookConnection)
  booksConnection(@Root() author: IdRoot, @Args(() => BookConnectionArgs) args: BookConnectionArgs, @Ctx() ctx: Context): Promise<Connection<Book>> {
    return relationConnection<Book>(ctx, 'Author.books', author.id, args);
  }
}

@Resolver(() => Book)
export class BookConnectionResolver {
  @Query(() => BookConnection, { description: 'The books with keyset cursors: deep pages cost what the first does.' })
  booksConnection(@Args(() => BookConnectionArgs) args: BookConnectionArgs, @Ctx() ctx: Context): Promise<Connection<Book>> {
    return rootConnection<Book>(ctx, BookModel, args);
  }

  @FieldResolver(() => StoreConnection)
  storesConnection(@Root() book: IdRoot, @Args(() => StoreConnectionArgs) args: StoreConnectionArgs, @Ctx() ctx: Context): Promise<Connection<Store>> {
    return relationConnection<Store>(ctx, 'Book.stores', book.id, args);
  }

  @FieldResolver(() => InventoryConnection)
  inventoryConnection(@Root() book: IdRoot, @Args(() => CursorArgs) args: CursorArgs, @Ctx() ctx: Context): Promise<Connection<Inventory>> {
    return relationConnection<Inventory>(ctx, 'Book.inventory', book.id, args);
  }
}

@Resolver(() => Store)
export class StoreConnectionResolver {
  @Query(() => StoreConnection, { description: 'The stores with keyset cursors.' })
  storesConnection(@Args(() => StoreConnectionArgs) args: StoreConnectionArgs, @Ctx() ctx: Context): Promise<Connection<Store>> {
    return rootConnection<Store>(ctx, StoreModel, args);
  }

  @FieldResolver(() => BookConnection)
  booksConnection(@Root() store: IdRoot, @Args(() => BookConnectionArgs) args: BookConnectionArgs, @Ctx() ctx: Context): Promise<Connection<Book>> {
    return relationConnection<Book>(ctx, 'Store.books', store.id, args);
  }

  @FieldResolver(() => InventoryConnection)
  inventoryConnection(@Root() store: IdRoot, @Args(() => CursorArgs) args: CursorArgs, @Ctx() ctx: Context): Promise<Connection<Inventory>> {
    return relationConnection<Inventory>(ctx, 'Store.inventory', store.id, args);
  }
}

/** `count(mode, max)` on a connection type: the connection object computes it (connections.ts). */
function CountResolver(connection: ClassType) {
  @Resolver(() => connection)
  class CountResolverClass {
    @FieldResolver(() => CountInfo, { description: 'totalCount with a mode: EXACT, CAPPED (stops at max) or ESTIMATED (the planner’s estimate).' })
    count(@Root() root: Connection<unknown>, @Args(() => CountModeArgs) args: CountModeArgs): Promise<CountInfo> {
      return root.count(args);
    }
  }
  return CountResolverClass;
}

export const connectionCountResolvers = [AuthorConnection, BookConnection, StoreConnection, InventoryConnection].map(CountResolver);
