import { ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { IfGiven, IsEmailAddress, IsIsbn, IsName, IsOptionalText, IsPrice, IsPublishedYear } from '../validation/rules.js';
import { AuthorBookInput } from './nested-inputs.js';

// Create inputs validate every field; update inputs validate the fields that are given, and null
// for a required column fails its rule (BAD_USER_INPUT) while null for an optional one clears it.

@InputType()
export class CreateAuthorInput {
  @Field(() => String) @IsName(200) name!: string;
  @Field(() => String) @IsEmailAddress() email!: string;
  @Field(() => String, { nullable: true }) @IfGiven() @IsOptionalText(10000) bio?: string | null;
  @Field(() => [AuthorBookInput], { nullable: true, description: 'Created with the author in one transaction (at most 1000); errors at input.books.<i>.' })
  @IfGiven()
  @ValidateNested()
  books?: AuthorBookInput[] | null;
}

@InputType()
export class UpdateAuthorInput {
  @Field(() => String, { nullable: true }) @IfGiven() @IsName(200) name?: string;
  @Field(() => String, { nullable: true }) @IfGiven() @IsEmailAddress() email?: string;
  @Field(() => String, { nullable: true }) @IfGiven() @IsOptionalText(10000) bio?: string | null;
}

@InputType()
export class CreateBookInput extends AuthorBookInput {
  @Field(() => ID) authorId!: string;
}

@InputType()
export class UpdateBookInput {
  @Field(() => String, { nullable: true }) @IfGiven() @IsName(500) title?: string;
  @Field(() => ID, { nullable: true }) authorId?: string;
  @Field(() => String, { nullable: true }) @IfGiven() @IsIsbn() isbn?: string | null;
  @Field(() => Int, { nullable: true }) @IfGiven() @IsPublishedYear() publishedYear?: number | null;
  @Field(() => Float, { nullable: true }) @IfGiven() @IsPrice() price?: number | null;
  @Field(() => Int, { nullable: true, description: 'When given, CONFLICT unless the book is still at this version (Book.version).' })
  expectedVersion?: number | null;
}

@InputType()
export class CreateStoreInput {
  @Field(() => String) @IsName(200) name!: string;
  @Field(() => String, { nullable: true }) @IfGiven() @IsOptionalText(200) city?: string | null;
}

@InputType()
export class UpdateStoreInput {
  @Field(() => String, { nullable: true }) @IfGiven() @IsName(200) name?: string;
  @Field(() => String, { nullable: true }) @IfGiven() @IsOptionalText(200) city?: string | null;
}
