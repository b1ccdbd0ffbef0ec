import { Collection, Entity, Index, ManyToMany, OneToMany, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Aggregate, OptOut } from '../query/registry/decorators.js';
import type { Book } from './Book.js';
import type { Inventory } from './Inventory.js';

@ObjectType({ simpleResolvers: true, description: 'A shop that stocks books.' })
@Entity()
@Aggregate({ name: 'bookCount', fn: 'count', relation: 'inventory' })
@Unique({ name: 'store_name_lower_unique', expression: 'create unique index "store_name_lower_unique" on "store" (lower("name"))' })
@Index({ name: 'store_name_trgm', expression: 'create index "store_name_trgm" on "store" using gin ("name" gin_trgm_ops)' })
@Index({ name: 'store_city_trgm', expression: 'create index "store_city_trgm" on "store" using gin ("city" gin_trgm_ops)' })
// (sort key, id): the indexes a keyset seek (src/query/cursor.ts) walks, for the usual sort columns.
@Index({ name: 'store_name_id_index', properties: ['name', 'id'] })
@Index({ name: 'store_city_id_index', properties: ['city', 'id'] })
@Index({ name: 'store_created_at_id_index', properties: ['createdAt', 'id'] })
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
  @OptOut('filter', 'sort')
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();

  @ManyToMany({ entity: 'Book', mappedBy: 'stores' })
  books = new Collection<Book>(this);

  @OneToMany({ entity: 'Inventory', mappedBy: 'store' })
  inventory = new Collection<Inventory>(this);
}
