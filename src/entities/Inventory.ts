import { Check, Entity, ManyToOne, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Book } from './Book.js';
import { Store } from './Store.js';

@ObjectType({ simpleResolvers: true, description: 'How many copies of a book a store has: the link between books and stores.' })
@Entity()
@Check({ name: 'inventory_quantity_check', expression: 'quantity >= 0' })
export class Inventory {
  @ManyToOne({ entity: () => Book, primary: true, deleteRule: 'cascade' })
  book!: Rel<Book>;

  @ManyToOne({ entity: () => Store, primary: true, deleteRule: 'cascade', index: 'inventory_store_id_index' })
  store!: Rel<Store>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quantity!: number;
}
