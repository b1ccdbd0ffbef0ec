import { getMetadataStorage } from 'type-graphql';
import type { Database } from '../db/database.js';
import { createBook, createBooks } from '../services/books.js';
import { adjustStock, setStock } from '../services/inventory.js';
import type { Actor } from '../services/audit.js';
import type { BookValues } from '../services/write-types.js';
import type { ItemSql } from '../services/write-sql.js';
import { BookModel, InventoryModel, type Model } from '../query/model.js';
import { CreateBookInput } from '../types/inputs.js';
import { parseId } from '../validation/ids.js';

type Args = Record<string, unknown>;

/** A mutation the compiled path runs: the same service call its resolver makes, on coerced arguments. */
export interface MutationSpec {
  /** The argument holding an input object (or a list of them) that class-validator checks, and its class. */
  input?: { arg: string; type: new () => object };
  /** The table it writes: a payload that reads it again cannot be read in the same statement (it would see the old rows). */
  writes: Model;
  /** The rows written, in order; a single-object mutation returns one. `item`: SQL of each row's payload, in `$item`. */
  run(db: Database, actor: Actor, args: Args, item?: ItemSql): Promise<object[]>;
}

const stockIds = (a: Args) => [parseId(a.storeId as string, 'storeId'), parseId(a.bookId as string, 'bookId')] as const;
const hasStock = (input: unknown) => ((input as BookValues | undefined)?.stock?.length ?? 0) > 0;

/**
 * The simple and bulk mutations the compiled path answers (the resolvers in src/resolvers call the
 * same services with the same arguments). Nested stock runs a transaction of several statements:
 * `supports` leaves those to Apollo.
 */
export const MUTATIONS: Readonly<Record<string, MutationSpec>> = {
  setStock: { writes: InventoryModel, run: async (db, actor, a, item) => [await setStock(db, actor, ...stockIds(a), a.quantity as number, item)] },
  adjustStock: { writes: InventoryModel, run: async (db, actor, a, item) => [await adjustStock(db, actor, ...stockIds(a), a.delta as number, item)] },
  createBook: {
    writes: BookModel,
    input: { arg: 'input', type: CreateBookInput },
    run: async (db, actor, a, item) => [await createBook(db, actor, a.input as BookValues, item)],
  },
  createBooks: {
    writes: BookModel,
    input: { arg: 'inputs', type: CreateBookInput },
    run: (db, actor, a, item) => createBooks(db, actor, a.inputs as BookValues[], item),
  },
};

/** Whether the compiled path takes these arguments (no nested stock: that is a transaction, Apollo runs it). */
export function supports(args: Args): boolean {
  const inputs = [args.input, ...((args.inputs as unknown[] | undefined) ?? [])];
  return !inputs.some(hasStock);
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Class = Function;
const isOrExtends = (cls: Class, base: Class): boolean => cls === base || cls.prototype instanceof base;

/**
 * The roles `@Authorized` asks of the mutation's resolver, read from type-graphql's metadata (the
 * member's own, else its class's). Undefined when the compiled path must not run it: no
 * `@Authorized` at all, or a middleware it would skip.
 */
export function requiredRoles(mutation: string): readonly string[] | undefined {
  const storage = getMetadataStorage();
  const handler = storage.mutations.find((m) => m.schemaName === mutation);
  if (!handler) return undefined;
  const on = (g: { target: Class; fieldName?: string }) =>
    isOrExtends(handler.target, g.target) && (g.fieldName === undefined || g.fieldName === handler.methodName);
  if ([...storage.middlewares, ...storage.resolverMiddlewares].some(on)) return undefined;
  const own = storage.authorizedFields.find((a) => on(a));
  const byClass = storage.authorizedResolver.find((a) => isOrExtends(handler.target, a.target));
  return (own ?? byClass)?.roles as string[] | undefined;
}
