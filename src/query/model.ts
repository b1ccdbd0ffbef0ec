import { raw, sql, type Sql } from './sql.js';

export type ColumnKind = 'id' | 'string' | 'int' | 'float' | 'datetime' | 'json';

export interface Column {
  column: string;
  kind: ColumnKind;
}

/** A to-many relation: rows of `from(to)` whose `parentKey(to)` equals the parent's id. */
export interface ManyRelation {
  kind: 'many';
  target: () => Model;
  from: (to: string) => Sql;
  parentKey: (to: string) => Sql;
  /** The target field that breaks sort ties (default `id`). */
  tiebreak?: string;
}

/** A to-one relation: `link(from, to)` is the condition that joins the target row. */
export interface OneRelation {
  kind: 'one';
  target: () => Model;
  link: (from: string, to: string) => Sql;
}

/** What the query engine knows of a GraphQL type: its table, columns, relations and aggregates. */
export interface Model {
  name: string;
  table: string;
  columns: Record<string, Column>;
  /** Columns every row carries, whatever was asked: relation fields resolve through them. */
  keys: string[];
  relations: Record<string, ManyRelation | OneRelation>;
  aggregates: Record<string, (alias: string) => Sql>;
}

const ident = (alias: string, column: string): Sql => raw(`"${alias}"."${column}"`);

const timestamps = {
  createdAt: { column: 'created_at', kind: 'datetime' },
  updatedAt: { column: 'updated_at', kind: 'datetime' },
} as const;

export const AuthorModel: Model = {
  name: 'Author',
  table: 'author',
  keys: ['id'],
  columns: {
    id: { column: 'id', kind: 'id' },
    name: { column: 'name', kind: 'string' },
    email: { column: 'email', kind: 'string' },
    bio: { column: 'bio', kind: 'string' },
    ...timestamps,
  },
  relations: {
    books: { kind: 'many', target: () => BookModel, from: (to) => raw(`"book" "${to}"`), parentKey: (to) => ident(to, 'author_id') },
  },
  aggregates: {
    bookCount: (a) => sql`(SELECT count(*) FROM "book" "bc" WHERE "bc"."author_id" = ${ident(a, 'id')})`,
  },
};

export const BookModel: Model = {
  name: 'Book',
  table: 'book',
  keys: ['id', 'authorId'],
  columns: {
    id: { column: 'id', kind: 'id' },
    title: { column: 'title', kind: 'string' },
    isbn: { column: 'isbn', kind: 'string' },
    publishedYear: { column: 'published_year', kind: 'int' },
    price: { column: 'price', kind: 'float' },
    authorId: { column: 'author_id', kind: 'id' },
    version: { column: 'version', kind: 'int' },
    ...timestamps,
  },
  relations: {
    author: { kind: 'one', target: () => AuthorModel, link: (from, to) => sql`${ident(to, 'id')} = ${ident(from, 'author_id')}` },
    stores: {
      kind: 'many',
      target: () => StoreModel,
      from: (to) => raw(`"inventory" "${to}_i" JOIN "store" "${to}" ON "${to}"."id" = "${to}_i"."store_id"`),
      parentKey: (to) => ident(`${to}_i`, 'book_id'),
    },
    inventory: { kind: 'many', target: () => InventoryModel, from: (to) => raw(`"inventory" "${to}"`), parentKey: (to) => ident(to, 'book_id'), tiebreak: 'storeId' },
  },
  aggregates: {
    totalStock: (b) => sql`(SELECT coalesce(sum("ts"."quantity"), 0) FROM "inventory" "ts" WHERE "ts"."book_id" = ${ident(b, 'id')})`,
  },
};

export const StoreModel: Model = {
  name: 'Store',
  table: 'store',
  keys: ['id'],
  columns: {
    id: { column: 'id', kind: 'id' },
    name: { column: 'name', kind: 'string' },
    city: { column: 'city', kind: 'string' },
    ...timestamps,
  },
  relations: {
    books: {
      kind: 'many',
      target: () => BookModel,
      from: (to) => raw(`"inventory" "${to}_i" JOIN "book" "${to}" ON "${to}"."id" = "${to}_i"."book_id"`),
      parentKey: (to) => ident(`${to}_i`, 'store_id'),
    },
    inventory: { kind: 'many', target: () => InventoryModel, from: (to) => raw(`"inventory" "${to}"`), parentKey: (to) => ident(to, 'store_id'), tiebreak: 'bookId' },
  },
  aggregates: {
    bookCount: (s) => sql`(SELECT count(*) FROM "inventory" "bc" WHERE "bc"."store_id" = ${ident(s, 'id')})`,
  },
};

export const InventoryModel: Model = {
  name: 'Inventory',
  table: 'inventory',
  keys: ['bookId', 'storeId'],
  columns: {
    bookId: { column: 'book_id', kind: 'id' },
    storeId: { column: 'store_id', kind: 'id' },
    quantity: { column: 'quantity', kind: 'int' },
  },
  relations: {
    book: { kind: 'one', target: () => BookModel, link: (from, to) => sql`${ident(to, 'id')} = ${ident(from, 'book_id')}` },
    store: { kind: 'one', target: () => StoreModel, link: (from, to) => sql`${ident(to, 'id')} = ${ident(from, 'store_id')}` },
  },
  aggregates: {},
};

export const AuditEntryModel: Model = {
  name: 'AuditEntry',
  table: 'audit_entry',
  keys: ['id', 'actorId'],
  columns: {
    id: { column: 'id', kind: 'id' },
    at: { column: 'at', kind: 'datetime' },
    actorId: { column: 'actor_id', kind: 'id' },
    actorEmail: { column: 'actor_email', kind: 'string' },
    action: { column: 'action', kind: 'string' },
    entity: { column: 'entity', kind: 'string' },
    entityId: { column: 'entity_id', kind: 'string' },
    changes: { column: 'changes', kind: 'json' },
  },
  relations: {},
  aggregates: {},
};

/** Users as GraphQL shows them: never the password hash. */
export const UserModel: Model = {
  name: 'User',
  table: 'app_user',
  keys: ['id'],
  columns: {
    id: { column: 'id', kind: 'id' },
    email: { column: 'email', kind: 'string' },
    role: { column: 'role', kind: 'string' },
    createdAt: { column: 'created_at', kind: 'datetime' },
  },
  relations: {},
  aggregates: {},
};

export function columnRef(alias: string, column: Column): Sql {
  return ident(alias, column.column);
}

/** `"a"."created_at" AS "createdAt", ...` for every column of the model (or only those named). */
export function selectList(model: Model, alias: string, fields?: Iterable<string>): Sql {
  const names = fields ? [...new Set(fields)].filter((f) => f in model.columns) : Object.keys(model.columns);
  return raw(names.map((f) => `"${alias}"."${model.columns[f].column}" AS "${f}"`).join(', '));
}

/** Separates the columns of a joined to-one relation in a row: `author$name` is `name` of `author`. */
export const JOINED = '$';

/**
 * For each to-one relation in `include`: a LEFT JOIN of its table and every one of its columns,
 * aliased `<field>$<column>`, so one statement also brings the related row.
 */
export function joinedRelations(model: Model, alias: string, include: readonly string[] = []): { select: Sql; joins: Sql } {
  const selects: string[] = [];
  const joins: Sql[] = [];
  for (const field of include) {
    const relation = model.relations[field];
    if (relation?.kind !== 'one') continue;
    const target = relation.target();
    const to = `${alias}_${field}`;
    for (const [name, column] of Object.entries(target.columns)) selects.push(`"${to}"."${column.column}" AS "${field}${JOINED}${name}"`);
    joins.push(sql` LEFT JOIN ${raw(`"${target.table}" "${to}"`)} ON ${relation.link(alias, to)}`);
  }
  return { select: raw(selects.map((c) => `, ${c}`).join('')), joins: joins.reduce((acc, j) => sql`${acc}${j}`, raw('')) };
}

function many(model: Model, field: string): ManyRelation {
  const relation = model.relations[field];
  if (relation?.kind !== 'many') throw new Error(`${model.name}.${field} is not a to-many relation`);
  return relation;
}

/** The to-many relations that GraphQL exposes as paged list fields, by loader name. */
export const lists = {
  'Author.books': many(AuthorModel, 'books'),
  'Book.stores': many(BookModel, 'stores'),
  'Book.inventory': many(BookModel, 'inventory'),
  'Store.books': many(StoreModel, 'books'),
  'Store.inventory': many(StoreModel, 'inventory'),
};

export type ListName = keyof typeof lists;
