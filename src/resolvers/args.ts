import { ArgsType, Field, Int, type ClassType } from 'type-graphql';
import { AuthorFilter, BookFilter, StoreFilter } from '../types/entity-filters.js';
import { AuthorOrderBy, BookOrderBy, StoreOrderBy } from '../types/order-by.js';

const offsetOptions = { nullable: true, defaultValue: 0, description: '0 or more.' };
const limitOptions = { nullable: true, defaultValue: 20, description: '0 to 100.' };

@ArgsType()
export class PageArgs {
  @Field(() => Int, offsetOptions) offset!: number;
  @Field(() => Int, limitOptions) limit!: number;
}

/** `(filter, orderBy, offset, limit)` in the contract's order. */
function ListArgs<F extends object, O extends object>(filterType: ClassType<F>, orderType: ClassType<O>) {
  @ArgsType()
  class ListArgsClass {
    @Field(() => filterType, { nullable: true }) filter?: F;
    @Field(() => [orderType], { nullable: true, description: 'Applied in order; ties are broken by id ASC.' }) orderBy?: O[];
    @Field(() => Int, offsetOptions) offset!: number;
    @Field(() => Int, limitOptions) limit!: number;
  }
  return ListArgsClass;
}

@ArgsType() export class AuthorListArgs extends ListArgs(AuthorFilter, AuthorOrderBy) {}
@ArgsType() export class BookListArgs extends ListArgs(BookFilter, BookOrderBy) {}
@ArgsType() export class StoreListArgs extends ListArgs(StoreFilter, StoreOrderBy) {}
