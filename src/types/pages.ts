import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { AuditEntry } from '../entities/AuditEntry.js';
import { Author } from '../entities/Author.js';
import { Book } from '../entities/Book.js';
import { Inventory } from '../entities/Inventory.js';
import { Store } from '../entities/Store.js';

function PageType<T extends object>(item: ClassType<T>) {
  @ObjectType({ simpleResolvers: true })
  abstract class PageClass {
    @Field(() => [item]) items!: T[];
    @Field(() => Int, { simple: true, description: 'All rows matching the filter; counted only when selected.' }) totalCount!: number;
    @Field(() => Int) offset!: number;
    @Field(() => Int) limit!: number;
    @Field(() => Boolean) hasNextPage!: boolean;
  }
  return PageClass;
}

@ObjectType({ simpleResolvers: true })
export class AuthorPage extends PageType(Author) {}
@ObjectType({ simpleResolvers: true })
export class BookPage extends PageType(Book) {}
@ObjectType({ simpleResolvers: true })
export class StorePage extends PageType(Store) {}
@ObjectType({ simpleResolvers: true })
export class InventoryPage extends PageType(Inventory) {}
@ObjectType({ simpleResolvers: true })
export class AuditEntryPage extends PageType(AuditEntry) {}
