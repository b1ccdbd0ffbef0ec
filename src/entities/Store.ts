import { Entity, Index, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'A shop that stocks books.' })
@Entity()
@Unique({ name: 'store_name_lower_unique', expression: 'create unique index "store_name_lower_unique" on "store" (lower("name"))' })
@Index({ name: 'store_name_trgm', expression: 'create index "store_name_trgm" on "store" using gin ("name" gin_trgm_ops)' })
@Index({ name: 'store_city_trgm', expression: 'create index "store_city_trgm" on "store" using gin ("city" gin_trgm_ops)' })
export class Store {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String)
  @Index()
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Index()
  @Property({ type: 'string', length: 200, nullable: true })
  city?: string | null;

  @Field(() => Date)
  @Index()
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
