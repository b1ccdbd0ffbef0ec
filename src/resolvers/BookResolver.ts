import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf, WRITERS } from '../auth/auth-checker.js';
import type { Context } from '../context.js';
import type { BookRoot } from './roots.js';
import { Author } from '../entities/Author.js';
import { Book } from '../entities/Book.js';
import type { Inventory } from '../entities/Inventory.js';
import type { Store } from '../entities/Store.js';
import { AuthorModel, BookModel } from '../query/model.js';
import { relationPage, rootPage } from '../query/pages.js';
import { selectedRelations } from '../query/selection.js';
import type { Page } from '../query/pagination.js';
import { MUTATIONS, runAll, runOne } from '../graphql/mutation-specs.js';
import { deleteBook, updateBook } from '../services/books.js';
import type { Row } from '../services/write-types.js';
import { CreateBookInput, UpdateBookInput } from '../types/inputs.js';
import { BookPage, InventoryPage, StorePage } from '../types/pages.js';
import { parseId } from '../validation/ids.js';
import { BookListArgs, OffsetLimitArgs, StoreListArgs } from './args.js';

@Resolver(() => Book)
export class BookResolver {
  @Query(() => Book, { nullable: true, description: 'null when absent' })
  book(@Arg('id', () => ID) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Book | null> {
    return ctx.loaders.byId<Book>(BookModel, selectedRelations(BookModel, info, false)).load(parseId(id));
  }

  @Query(() => BookPage)
  books(@Args(() => BookListArgs) args: BookListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Page<Book>> {
    return rootPage<Book>(ctx, BookModel, args, info);
  }

  @FieldResolver(() => Author)
  async author(@Root() book: BookRoot, @Ctx() ctx: Context): Promise<Author> {
    return (await ctx.loaders.byId<Author>(AuthorModel).load(book.authorId))!;
  }

  @FieldResolver(() => StorePage)
  stores(@Root() book: BookRoot, @Args(() => StoreListArgs) args: StoreListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Page<Store>> {
    return relationPage<Store>(ctx, 'Book.stores', book.id, args, info);
  }

  @FieldResolver(() => InventoryPage)
  inventory(
    @Root() book: BookRoot,
    @Args(() => OffsetLimitArgs) args: OffsetLimitArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<Inventory>> {
    return relationPage<Inventory>(ctx, 'Book.inventory', book.id, args, info);
  }

  @FieldResolver(() => Int, { description: 'Copies across all stores.' })
  totalStock(@Root() book: BookRoot, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.aggregate(BookModel, 'totalStock').load(book.id);
  }

  @Authorized(WRITERS)
  @Mutation(() => Book, { description: 'With `stock`, sets it too, in the same transaction.' })
  createBook(@Arg('input', () => CreateBookInput) input: CreateBookInput, @Ctx() ctx: Context): Promise<Row> {
    return runOne(MUTATIONS.createBook, ctx.db, actorOf(ctx), { input });
  }

  @Authorized(WRITERS)
  @Mutation(() => [Book], { description: 'Up to 1000 books, all or nothing; an error names its item (inputs.<i>.<field>). In input order.' })
  createBooks(@Arg('inputs', () => [CreateBookInput]) inputs: CreateBookInput[], @Ctx() ctx: Context): Promise<Row[]> {
    return runAll(MUTATIONS.createBooks, ctx.db, actorOf(ctx), { inputs });
  }

  @Authorized(WRITERS)
  @Mutation(() => Book, { description: 'Creates the book, or updates the one with this ISBN (required here). `stock` is ignored.' })
  upsertBook(@Arg('input', () => CreateBookInput) input: CreateBookInput, @Ctx() ctx: Context): Promise<Row> {
    return runOne(MUTATIONS.upsertBook, ctx.db, actorOf(ctx), { input });
  }

  @Authorized(WRITERS)
  @Mutation(() => Book)
  updateBook(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateBookInput) input: UpdateBookInput, @Ctx() ctx: Context): Promise<Row> {
    return updateBook(ctx.db, actorOf(ctx), parseId(id), input);
  }

  @Authorized(WRITERS)
  @Mutation(() => ID, { description: 'Also removes its inventory rows.' })
  async deleteBook(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<string> {
    return String(await deleteBook(ctx.db, actorOf(ctx), parseId(id)));
  }
}
