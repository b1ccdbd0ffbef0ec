import { Field, ID, ObjectType } from 'type-graphql';
import { Book } from '../entities/Book.js';

@ObjectType({ description: 'A book created, updated or deleted (the `bookChanged` subscription).' })
export class BookChange {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The mutation: createBook, updateBook or deleteBook.' }) action!: string;
  @Field(() => Boolean) deleted!: boolean;
  @Field(() => Book, { nullable: true, description: 'The book as it is now (re-read when sent); null once deleted.' }) book?: Book | null;
}
