import { Collection, Entity, Index, OneToMany, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Aggregate, OptOut } from '../query/registry/decorators.js';
import type { Book } from './Book.js';

@ObjectType({ simpleResolvers: true, description: 'A person who wrote one or more books.' })
@Entity()
@Aggregate({ name: 'bookCount', fn: 'count', relation: 'books' })
@Unique({ name: 'author_email_lower_unique', expression: 'create unique index "author_email_lower_unique" on "author" (lower("email"))' })
@Index({ name: 'author_name_trgm', expression: 'create index "author_name_trgm" on "author" using gin ("name" gin_trgm_ops)' })
@Index({ name: 'author_email_trgm', expression: 'create index "author_email_trgm" on "author" using gin ("email" gin_trgm_ops)' })
// (sort key, id): the indexes a keyset seek (src/query/cursor.ts) walks, for the usual sort columns.
@Index({ name: 'author_name_id_index', properties: ['name', 'id'] })
@Index({ name: 'author_created_at_id_index', properties: ['createdAt', 'id'] })
export class Author {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String)
  @Index()
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String)
  @Index()
  @Property({ type: 'string', length: 254 })
  email!: string;

  @Field(() => String, { nullable: true })
  @OptOut('sort')
  @Property({ type: 'text', nullable: true })
  bio?: string | null;

  @Field(() => Date)
  @Index()
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Field(() => Date)
  @OptOut('filter', 'sort')
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();

  // Named by string: Book imports Author, and the relation is only read at discovery.
  @OneToMany({ entity: 'Book', mappedBy: 'author' })
  books = new Collection<Book>(this);
}
