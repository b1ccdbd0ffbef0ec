import { getMetadataStorage } from 'type-graphql';
import type { Database } from '../db/database.js';
import { upsertAuthor } from '../services/authors.js';
import { createBook, createBooks, upsertBook } from '../services/books.js';
import { adjustStock, setStock, setStocks } from '../services/inventory.js';
import { upsertStore } from '../services/stores.js';
import type { Actor } from '../services/audit.js';
import type { AuthorValues, BookValues, StockItem, StoreValues } from '../services/write-types.js';
import type { ItemSql } from '../services/write-sql.js';
import { AuthorModel, BookModel, InventoryModel, StoreModel, type Model } from '../query/model.js';
import { CreateAuthorInput, CreateBookInput, CreateStoreInput } from '../types/inputs.js';
import { SetStockInput } from '../types/nested-inputs.js';
import { parseId } from '../validation/ids.js';

type Args = Record<string, unknown>;

/**
 * A mutation: its arguments' handling and the service call, made by its resolver and by the
 * compiled path alike (one place per fact), on coerced arguments keyed by their GraphQL names.
 */
export interface MutationSpec {
  /** The argument holding an input object (or a list of them) that class-validator checks, and its class. */
  input?: { arg: string; type: new () => object };
  /** The table it writes: a payload reading it again reads it as the write leaves it (compiled-mutations.ts afterWrite). */
  writes: Model;
  /** The rows written, in order; a single-object mutation returns one. `item`: SQL of each row's payload, in `$item`. */
  run(db: Database, actor: Actor, args: Args, item?: ItemSql): Promise<object[]>;
  /**
   * Whether the compiled path takes these arguments: not nested items (stock, books), whose input
   * classes only type-graphql builds for class-validator and which run a transaction of several statements.
   */
  supports?(args: Args): boolean;
}

const stockIds = (a: Args) => [parseId(a.storeId as string, 'storeId'), parseId(a.bookId as string, 'bookId')] as const;
const nested = (key: 'stock' | 'books') => (a: Args) =>
  ![a.input, ...((a.inputs as unknown[] | undefined) ?? [])].some(
    (input) => ((input as Record<string, unknown[] | undefined> | undefined)?.[key]?.length ?? 0) > 0,
  );
const BOOK = { writes: BookModel, supports: nested('stock') };

type Call<V, R> = (db: Database, actor: Actor, values: V, item?: ItemSql) => Promise<R>;
/** A mutation of one input object (`input`), validated as `type`: the service's one row. */
const oneInput = <V>(type: new () => object, call: Call<V, object>): Pick<MutationSpec, 'input' | 'run'> => ({
  input: { arg: 'input', type },
  run: async (db, actor, a, item) => [await call(db, actor, a.input as V, item)],
});
/** A bulk mutation of input objects (`inputs`), validated as `type`: the service's rows, in input order. */
const listInput = <V>(type: new () => object, call: Call<V[], object[]>): Pick<MutationSpec, 'input' | 'run'> => ({
  input: { arg: 'inputs', type },
  run: (db, actor, a, item) => call(db, actor, a.inputs as V[], item),
});

/** The mutations both paths run through these specs: the compiled path answers them (supports() permitting), the resolvers call them. */
export const MUTATIONS = {
  setStock: { writes: InventoryModel, run: async (db, actor, a, item) => [await setStock(db, actor, ...stockIds(a), a.quantity as number, item)] },
  adjustStock: { writes: InventoryModel, run: async (db, actor, a, item) => [await adjustStock(db, actor, ...stockIds(a), a.delta as number, item)] },
  setStocks: { writes: InventoryModel, ...listInput<StockItem>(SetStockInput, setStocks) },
  createBook: { ...BOOK, ...oneInput<BookValues>(CreateBookInput, createBook) },
  createBooks: { ...BOOK, ...listInput<BookValues>(CreateBookInput, createBooks) },
  upsertBook: { ...BOOK, ...oneInput<BookValues>(CreateBookInput, upsertBook) },
  upsertAuthor: { writes: AuthorModel, supports: nested('books'), ...oneInput<AuthorValues>(CreateAuthorInput, upsertAuthor) },
  upsertStore: { writes: StoreModel, ...oneInput<StoreValues>(CreateStoreInput, upsertStore) },
} satisfies Record<string, MutationSpec>;

/** The spec of a mutation by name, if both paths run it through one. */
export const specOf = (name: string): MutationSpec | undefined => (MUTATIONS as Record<string, MutationSpec>)[name];

/** What a resolver of a single-object mutation returns: the spec's one row. */
export async function runOne<R>(spec: MutationSpec, db: Database, actor: Actor, args: Args): Promise<R> {
  return (await spec.run(db, actor, args))[0] as R;
}

/** What a resolver of a bulk mutation returns: the spec's rows, in input order. */
export function runAll<R>(spec: MutationSpec, db: Database, actor: Actor, args: Args): Promise<R[]> {
  return spec.run(db, actor, args) as Promise<R[]>;
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
