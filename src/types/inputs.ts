import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { IfGiven, IsEmailAddress, IsIsbn, IsName, IsOptionalText, IsPrice, IsPublishedYear } from '../validation/rules.js';

// Create inputs validate every field; update inputs validate the fields that are given, and null
// for a required column fails its rule (BAD_USER_INPUT) while null for an optional one clears it.

@InputType()
export class CreateAuthorInput {
  @Field(() => String) @IsName(200) name!: string;
  @Field(() => String) @IsEmailAddress() email!: string;
  @Field(() => String, { nullable: true }) @IfGiven() @IsOptionalText(10000) bio?: string | null;
}

@InputType()
export class UpdateAuthorInput {
  @Field(() => String, { nullable: true }) @IfGiven() @IsName(200) name?: string;
  @Field(() => String, { nullable: true }) @IfGiven() @IsEmailAddress() email?: string;
  @Field(() => String, { nullable: true }) @IfGiven() @IsOptionalText(10000) bio?: string | null;
}

@InputType()
export class CreateBookInput {
  @Field(() => String) @IsName(500) title!: string;
  @Field(() => ID) authorId!: string;
  @Field(() => String, { nullable: true }) @IfGiven() @IsIsbn() isbn?: string | null;
  @Field(() => Int, { nullable: true }) @IfGiven() @IsPublishedYear() publishedYear?: number | null;
  @Field(() => Float, { nullable: true }) @IfGiven() @IsPrice() price?: number | null;
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
