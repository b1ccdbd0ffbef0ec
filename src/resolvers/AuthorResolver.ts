import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf, WRITERS } from '../auth/auth-checker.js';
import type { Context } from '../context.js';
import type { IdRoot } from './roots.js';
import { Author } from '../entities/Author.js';
import { AuthorModel } from '../query/model.js';
import { relationPage, rootPage } from '../query/pages.js';
import type { Page } from '../query/pagination.js';
import { MUTATIONS, runOne } from '../graphql/mutation-specs.js';
import { createAuthor, createAuthors, deleteAuthor, updateAuthor } from '../services/authors.js';
import type { Row } from '../services/write-types.js';
import { CreateAuthorInput, UpdateAuthorInput } from '../types/inputs.js';
import { AuthorPage, BookPage } from '../types/pages.js';
import type { Book } from '../entities/Book.js';
import { parseId } from '../validation/ids.js';
import { AuthorListArgs, BookListArgs } from './args.js';

@Resolver(() => Author)
export class AuthorResolver {
  @Query(() => Author, { nullable: true, description: 'null when absent' })
  author(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Author | null> {
    return ctx.loaders.byId<Author>(AuthorModel).load(parseId(id));
  }

  @Query(() => AuthorPage)
  authors(@Args(() => AuthorListArgs) args: AuthorListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Page<Author>> {
    return rootPage<Author>(ctx, AuthorModel, args, info);
  }

  @FieldResolver(() => BookPage)
  books(@Root() author: IdRoot, @Args(() => BookListArgs) args: BookListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Page<Book>> {
    return relationPage<Book>(ctx, 'Author.books', author.id, args, info);
  }

  @FieldResolver(() => Int)
  bookCount(@Root() author: IdRoot, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.aggregate(AuthorModel, 'bookCount').load(author.id);
  }

  @Authorized(WRITERS)
  @Mutation(() => Author, { description: 'With `books`, creates them too, in the same transaction.' })
  createAuthor(@Arg('input', () => CreateAuthorInput) input: CreateAuthorInput, @Ctx() ctx: Context): Promise<Row> {
    return createAuthor(ctx.db, actorOf(ctx), input);
  }

  @Authorized(WRITERS)
  @Mutation(() => [Author], { description: 'Up to 1000 authors, all or nothing; an error names its item (inputs.<i>.<field>). In input order.' })
  createAuthors(@Arg('inputs', () => [CreateAuthorInput]) inputs: CreateAuthorInput[], @Ctx() ctx: Context): Promise<Row[]> {
    return createAuthors(ctx.db, actorOf(ctx), inputs);
  }

  @Authorized(WRITERS)
  @Mutation(() => Author, { description: 'Creates the author, or updates the one with this email (case-insensitive). `books` is ignored.' })
  upsertAuthor(@Arg('input', () => CreateAuthorInput) input: CreateAuthorInput, @Ctx() ctx: Context): Promise<Row> {
    return runOne(MUTATIONS.upsertAuthor, ctx.db, actorOf(ctx), { input });
  }

  @Authorized(WRITERS)
  @Mutation(() => Author)
  updateAuthor(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateAuthorInput) input: UpdateAuthorInput, @Ctx() ctx: Context): Promise<Row> {
    return updateAuthor(ctx.db, actorOf(ctx), parseId(id), input);
  }

  @Authorized(WRITERS)
  @Mutation(() => ID, { description: 'CONFLICT while the author still has books; nothing is deleted then.' })
  async deleteAuthor(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<string> {
    return String(await deleteAuthor(ctx.db, actorOf(ctx), parseId(id)));
  }
}
