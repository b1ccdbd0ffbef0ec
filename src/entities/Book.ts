import { Check, Collection, DecimalType, Entity, Index, ManyToMany, ManyToOne, OneToMany, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Aggregate, OptOut } from '../query/registry/decorators.js';
import { Author } from './Author.js';
import type { Inventory } from './Inventory.js';
import type { Store } from './Store.js';

@ObjectType({ simpleResolvers: true, description: 'A book; every book has exactly one author.' })
@Entity()
@Aggregate({ name: 'totalStock', fn: 'sum', relation: 'inventory', column: 'quantity', sort: false })
@Index({ name: 'book_title_trgm', expression: 'create index "book_title_trgm" on "book" using gin ("title" gin_trgm_ops)' })
@Index({ name: 'book_isbn_trgm', expression: 'create index "book_isbn_trgm" on "book" using gin ("isbn" gin_trgm_ops)' })
// (sort key, id): the indexes a keyset seek (src/query/cursor.ts) walks, for the usual sort columns.
@Index({ name: 'book_title_id_index', properties: ['title', 'id'] })
@Index({ name: 'book_published_year_id_index', properties: ['publishedYear', 'id'] })
@Index({ name: 'book_price_id_index', properties: ['price', 'id'] })
@Index({ name: 'book_created_at_id_index', properties: ['createdAt', 'id'] })
@Check({ name: 'book_price_check', expression: 'price >= 0' })
export class Book {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String)
  @Index()
  @Property({ type: 'string', length: 500 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'ISBN-13, digits only.' })
  @Unique({ name: 'book_isbn_unique' })
  @Property({ type: 'string', length: 13, nullable: true })
  isbn?: string | null;

  @Field(() => Int, { nullable: true })
  @Index()
  @Property({ type: 'integer', nullable: true })
  publishedYear?: number | null;

  @Field(() => Float, { nullable: true })
  @Index()
  @Property({ type: new DecimalType('number'), precision: 10, scale: 2, nullable: true })
  price?: number | null;

  @ManyToOne({ entity: () => Author, deleteRule: 'no action', index: 'book_author_id_index' })
  author!: Rel<Author>;

  @Field(() => Date)
  @Index()
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Field(() => Date)
  @OptOut('filter', 'sort')
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();

  @Field(() => Int, { description: 'Goes up by one on every change; pass it as updateBook(input.expectedVersion) to refuse a stale edit.' })
  @OptOut('filter', 'sort')
  @Property({ type: 'integer', version: true })
  version!: number & Opt;

  // The pivot is the Inventory entity, so the link table stays the one that holds quantities.
  @ManyToMany({ entity: 'Store', pivotEntity: 'Inventory', inversedBy: 'books' })
  stores = new Collection<Store>(this);

  @OneToMany({ entity: 'Inventory', mappedBy: 'book' })
  inventory = new Collection<Inventory>(this);

  /** The author's id, as read queries also provide it (they return plain rows). */
  get authorId(): number & Opt {
    return this.author.id;
  }
}
