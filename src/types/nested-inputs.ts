import { Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { IfGiven, IsIsbn, IsName, IsPrice, IsPublishedYear } from '../validation/rules.js';

// Inputs nested in other inputs (an author's books, a book's stock) and the items of bulk writes.

const quantityRule = Min(0, { message: 'must be 0 or more' });

@InputType({ description: 'Stock of the enclosing book in one store.' })
export class StockInput {
  @Field(() => ID) storeId!: string;
  @Field(() => Int) @quantityRule quantity!: number;
}

@InputType({ description: 'One item of setStocks: what setStock takes as arguments.' })
export class SetStockInput {
  @Field(() => ID) storeId!: string;
  @Field(() => ID) bookId!: string;
  @Field(() => Int) @quantityRule quantity!: number;
}

/** Fields of a new book, and of one created with its author (which gives the authorId). */
@InputType({ description: 'A book created with its author: CreateBookInput without authorId.' })
export class AuthorBookInput {
  @Field(() => String) @IsName(500) title!: string;
  @Field(() => String, { nullable: true }) @IfGiven() @IsIsbn() isbn?: string | null;
  @Field(() => Int, { nullable: true }) @IfGiven() @IsPublishedYear() publishedYear?: number | null;
  @Field(() => Float, { nullable: true }) @IfGiven() @IsPrice() price?: number | null;
  @Field(() => [StockInput], { nullable: true, description: 'Set in the same transaction; errors at input.stock.<i>.' })
  @IfGiven()
  @ValidateNested()
  stock?: StockInput[] | null;
}
