import { Field, InputType } from 'type-graphql';
import { DateTimeFilter, FloatFilter, IDFilter, IntFilter, StringFilter } from './scalar-filters.js';

// The entity filters refer to each other through relation filters, so they live in one file.
// A forward reference is typed `Later<T>` so decorator metadata does not touch the class early.
type Later<T> = T & { readonly __later?: never };

@InputType({ description: 'Every given field must hold (AND).' })
export class AuthorFilter {
  @Field(() => IDFilter, { nullable: true }) id?: IDFilter;
  @Field(() => StringFilter, { nullable: true }) name?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) email?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) bio?: StringFilter;
  @Field(() => DateTimeFilter, { nullable: true }) createdAt?: DateTimeFilter;
  @Field(() => BookListFilter, { nullable: true }) books?: Later<BookListFilter>;
  @Field(() => [AuthorFilter], { nullable: true }) and?: AuthorFilter[];
  @Field(() => [AuthorFilter], { nullable: true }) or?: AuthorFilter[];
  @Field(() => AuthorFilter, { nullable: true }) not?: AuthorFilter;
}

@InputType({ description: 'Every given field must hold (AND).' })
export class BookFilter {
  @Field(() => IDFilter, { nullable: true }) id?: IDFilter;
  @Field(() => StringFilter, { nullable: true }) title?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) isbn?: StringFilter;
  @Field(() => IntFilter, { nullable: true }) publishedYear?: IntFilter;
  @Field(() => FloatFilter, { nullable: true }) price?: FloatFilter;
  @Field(() => DateTimeFilter, { nullable: true }) createdAt?: DateTimeFilter;
  @Field(() => AuthorFilter, { nullable: true }) author?: AuthorFilter;
  @Field(() => StoreListFilter, { nullable: true }) stores?: Later<StoreListFilter>;
  @Field(() => [BookFilter], { nullable: true }) and?: BookFilter[];
  @Field(() => [BookFilter], { nullable: true }) or?: BookFilter[];
  @Field(() => BookFilter, { nullable: true }) not?: BookFilter;
}

@InputType({ description: 'Every given field must hold (AND).' })
export class StoreFilter {
  @Field(() => IDFilter, { nullable: true }) id?: IDFilter;
  @Field(() => StringFilter, { nullable: true }) name?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) city?: StringFilter;
  @Field(() => DateTimeFilter, { nullable: true }) createdAt?: DateTimeFilter;
  @Field(() => BookListFilter, { nullable: true }) books?: Later<BookListFilter>;
  @Field(() => [StoreFilter], { nullable: true }) and?: StoreFilter[];
  @Field(() => [StoreFilter], { nullable: true }) or?: StoreFilter[];
  @Field(() => StoreFilter, { nullable: true }) not?: StoreFilter;
}

@InputType({ description: 'some: at least one related book matches; none: no related book matches; every: all related books match (true when there are none).' })
export class BookListFilter {
  @Field(() => BookFilter, { nullable: true }) some?: BookFilter;
  @Field(() => BookFilter, { nullable: true }) none?: BookFilter;
  @Field(() => BookFilter, { nullable: true }) every?: BookFilter;
}

@InputType({ description: 'some: at least one related store matches; none: no related store matches; every: all related stores match (true when there are none).' })
export class StoreListFilter {
  @Field(() => StoreFilter, { nullable: true }) some?: StoreFilter;
  @Field(() => StoreFilter, { nullable: true }) none?: StoreFilter;
  @Field(() => StoreFilter, { nullable: true }) every?: StoreFilter;
}

@InputType()
export class AuditEntryFilter {
  @Field(() => StringFilter, { nullable: true }) action?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) entity?: StringFilter;
  @Field(() => IDFilter, { nullable: true }) entityId?: IDFilter;
  @Field(() => DateTimeFilter, { nullable: true }) at?: DateTimeFilter;
}
