import { Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';

export enum SortOrder {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortOrder, { name: 'SortOrder', description: 'NULLs last for ASC, first for DESC (PostgreSQL default).' });

@InputType({ description: 'Exact matches on an ID.' })
export class IDFilter {
  @Field(() => ID, { nullable: true }) eq?: string;
  @Field(() => ID, { nullable: true }) ne?: string;
  @Field(() => [ID], { nullable: true }) in?: string[];
  @Field(() => [ID], { nullable: true }) notIn?: string[];
}

@InputType({ description: 'contains / startsWith / endsWith are case-insensitive; eq / ne / in / notIn are exact.' })
export class StringFilter {
  @Field(() => String, { nullable: true }) eq?: string;
  @Field(() => String, { nullable: true }) ne?: string;
  @Field(() => [String], { nullable: true }) in?: string[];
  @Field(() => [String], { nullable: true }) notIn?: string[];
  @Field(() => String, { nullable: true }) contains?: string;
  @Field(() => String, { nullable: true }) startsWith?: string;
  @Field(() => String, { nullable: true }) endsWith?: string;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean;
}

@InputType()
export class IntFilter {
  @Field(() => Int, { nullable: true }) eq?: number;
  @Field(() => Int, { nullable: true }) ne?: number;
  @Field(() => [Int], { nullable: true }) in?: number[];
  @Field(() => [Int], { nullable: true }) notIn?: number[];
  @Field(() => Int, { nullable: true }) gt?: number;
  @Field(() => Int, { nullable: true }) gte?: number;
  @Field(() => Int, { nullable: true }) lt?: number;
  @Field(() => Int, { nullable: true }) lte?: number;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean;
}

@InputType()
export class FloatFilter {
  @Field(() => Float, { nullable: true }) eq?: number;
  @Field(() => Float, { nullable: true }) ne?: number;
  @Field(() => Float, { nullable: true }) gt?: number;
  @Field(() => Float, { nullable: true }) gte?: number;
  @Field(() => Float, { nullable: true }) lt?: number;
  @Field(() => Float, { nullable: true }) lte?: number;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean;
}

@InputType()
export class DateTimeFilter {
  @Field(() => Date, { nullable: true }) eq?: Date;
  @Field(() => Date, { nullable: true }) gt?: Date;
  @Field(() => Date, { nullable: true }) gte?: Date;
  @Field(() => Date, { nullable: true }) lt?: Date;
  @Field(() => Date, { nullable: true }) lte?: Date;
}
