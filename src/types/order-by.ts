import { Field, InputType } from 'type-graphql';
import { SortOrder } from './scalar-filters.js';

@InputType({ description: 'Set exactly one field per element.' })
export class AuthorOrderBy {
  @Field(() => SortOrder, { nullable: true }) id?: SortOrder;
  @Field(() => SortOrder, { nullable: true }) name?: SortOrder;
  @Field(() => SortOrder, { nullable: true }) email?: SortOrder;
  @Field(() => SortOrder, { nullable: true }) createdAt?: SortOrder;
  @Field(() => SortOrder, { nullable: true }) bookCount?: SortOrder;
}

@InputType({ description: 'Set exactly one field per element.' })
export class BookOrderBy {
  @Field(() => SortOrder, { nullable: true }) id?: SortOrder;
  @Field(() => SortOrder, { nullable: true }) title?: SortOrder;
  @Field(() => SortOrder, { nullable: true }) isbn?: SortOrder;
  @Field(() => SortOrder, { nullable: true }) publishedYear?: SortOrder;
  @Field(() => SortOrder, { nullable: true }) price?: SortOrder;
  @Field(() => SortOrder, { nullable: true }) createdAt?: SortOrder;
  @Field(() => AuthorOrderBy, { nullable: true }) author?: AuthorOrderBy;
}

@InputType({ description: 'Set exactly one field per element.' })
export class StoreOrderBy {
  @Field(() => SortOrder, { nullable: true }) id?: SortOrder;
  @Field(() => SortOrder, { nullable: true }) name?: SortOrder;
  @Field(() => SortOrder, { nullable: true }) city?: SortOrder;
  @Field(() => SortOrder, { nullable: true }) createdAt?: SortOrder;
  @Field(() => SortOrder, { nullable: true }) bookCount?: SortOrder;
}
