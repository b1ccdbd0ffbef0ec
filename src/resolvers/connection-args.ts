import { ArgsType, Field, Int, type ClassType } from 'type-graphql';
import { CountMode, DEFAULT_COUNT_CAP, MAX_COUNT_CAP } from '../query/count-modes.js';
import { AuthorFilter, BookFilter, StoreFilter } from '../types/entity-filters.js';
import { AuthorOrderBy, BookOrderBy, StoreOrderBy } from '../types/order-by.js';

@ArgsType()
export class CursorArgs {
  @Field(() => Int, { nullable: true, description: '0 to 100 (default 20): the rows after `after`.' }) first?: number;
  @Field(() => String, { nullable: true }) after?: string;
  @Field(() => Int, { nullable: true, description: '0 to 100, instead of first: the rows before `before`.' }) last?: number;
  @Field(() => String, { nullable: true }) before?: string;
}

/** `(first, after, last, before, filter, orderBy)`: a cursor is valid only with the orderBy it was made with. */
function FilteredConnectionArgs<F extends object, O extends object>(filterType: ClassType<F>, orderType: ClassType<O>) {
  @ArgsType()
  class FilteredConnectionArgsClass extends CursorArgs {
    @Field(() => filterType, { nullable: true }) filter?: F;
    @Field(() => [orderType], { nullable: true, description: 'Applied in order; ties are broken by id ASC.' }) orderBy?: O[];
  }
  return FilteredConnectionArgsClass;
}

@ArgsType()
export class AuthorConnectionArgs extends FilteredConnectionArgs(AuthorFilter, AuthorOrderBy) {}
@ArgsType()
export class BookConnectionArgs extends FilteredConnectionArgs(BookFilter, BookOrderBy) {}
@ArgsType()
export class StoreConnectionArgs extends FilteredConnectionArgs(StoreFilter, StoreOrderBy) {}

@ArgsType()
export class CountModeArgs {
  @Field(() => CountMode, { defaultValue: CountMode.EXACT }) mode!: CountMode;
  @Field(() => Int, { nullable: true, description: `CAPPED: count no further than this (0 to ${MAX_COUNT_CAP}, default ${DEFAULT_COUNT_CAP}).` })
  max?: number;
}
