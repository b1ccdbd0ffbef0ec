// Relay connection types (the names PostGraphile and Relay use): a keyset-paged list beside each page field.
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { CountMode } from '../query/count-modes.js';
import { Author } from '../entities/Author.js';
import { Book } from '../entities/Book.js';
import { Inventory } from '../entities/Inventory.js';
import { Store } from '../entities/Store.js';

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean, { description: 'Walking forward: another row follows. Walking back (last/before): `before` was given.' })
  hasNextPage!: boolean;
  @Field(() => Boolean, { description: 'Walking back: another row precedes. Walking forward (first/after): `after` was given.' })
  hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true, description: 'The first edge’s cursor; null when there are no edges.' })
  startCursor!: string | null;
  @Field(() => String, { nullable: true, description: 'The last edge’s cursor; null when there are no edges.' })
  endCursor!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A count, and how it was made.' })
export class CountInfo {
  @Field(() => Int, { description: 'CAPPED: at most `max`. ESTIMATED: the planner’s estimate, not a row count.' }) value!: number;
  @Field(() => CountMode, { description: 'How `value` was made; a per-parent ESTIMATED count is EXACT (those rows are found by index).' })
  mode!: CountMode;
  @Field(() => Boolean, { description: 'CAPPED: more than `max` rows match (value is then max).' }) capped!: boolean;
}

function EdgeType<T extends object>(node: ClassType<T>) {
  @ObjectType({ simpleResolvers: true })
  abstract class EdgeClass {
    @Field(() => String, { description: 'Opaque; valid only with the orderBy it was made with.' }) cursor!: string;
    @Field(() => node) node!: T;
  }
  return EdgeClass;
}

function ConnectionType<E extends object>(edge: ClassType<E>) {
  @ObjectType({ simpleResolvers: true })
  abstract class ConnectionClass {
    @Field(() => [edge]) edges!: E[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { simple: true, description: 'All rows matching the filter (cursors aside); counted only when selected.' }) totalCount!: number;
  }
  return ConnectionClass;
}

@ObjectType({ simpleResolvers: true })
export class AuthorEdge extends EdgeType(Author) {}
@ObjectType({ simpleResolvers: true })
export class BookEdge extends EdgeType(Book) {}
@ObjectType({ simpleResolvers: true })
export class StoreEdge extends EdgeType(Store) {}
@ObjectType({ simpleResolvers: true })
export class InventoryEdge extends EdgeType(Inventory) {}

@ObjectType({ simpleResolvers: true })
export class AuthorConnection extends ConnectionType(AuthorEdge) {}
@ObjectType({ simpleResolvers: true })
export class BookConnection extends ConnectionType(BookEdge) {}
@ObjectType({ simpleResolvers: true })
export class StoreConnection extends ConnectionType(StoreEdge) {}
@ObjectType({ simpleResolvers: true })
export class InventoryConnection extends ConnectionType(InventoryEdge) {}
