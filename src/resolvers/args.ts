import { ArgsType, Field, Int, type ClassType } from 'type-graphql';
import { AuthorFilter, BookFilter, StoreFilter } from '../types/entity-filters.js';
import { AuthorOrderBy, BookOrderBy, StoreOrderBy } from '../types/order-by.js';

const offsetOptions = { nullable: true, defaultValue: 0, description: '0 or more.' };
const limitOptions = { nullable: true, defaultValue: 20, description: '0 to 100.' };

@ArgsType()
export class OffsetLimitArgs {
  @Field(() => Int, offsetOptions) offset!: number;
  @Field(() => Int, limitOptions) limit!: number;
}

/** `(filter, orderBy, offset, limit)` in the contract's order. */
function FilteredListArgs<F extends object, O extends object>(filterType: ClassType<F>, orderType: ClassType<O>) {
  @ArgsType()
  class FilteredListArgsClass {
    @Field(() => filterType, { nullable: true }) filter?: F;
    @Field(() => [orderType], { nullable: true, description: 'Applied in order; ties are broken by id ASC.' }) orderBy?: O[];
    @Field(() => Int, offsetOptions) offset!: number;
    @Field(() => Int, limitOptions) limit!: number;
  }
  return FilteredListArgsClass;
}

@ArgsType()
export class AuthorListArgs extends FilteredListArgs(AuthorFilter, AuthorOrderBy) {}
@ArgsType()
export class BookListArgs extends FilteredListArgs(BookFilter, BookOrderBy) {}
@ArgsType()
export class StoreListArgs extends FilteredListArgs(StoreFilter, StoreOrderBy) {}
