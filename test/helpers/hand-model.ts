/**
 * The tables and columns as src/query/model.ts listed them by hand before the model was derived
 * (plus AuditEntry.actorEmail, added since). Written by hand on purpose: the derivation test
 * checks the derived model against it, and the differential test's oracle reads rows with it, so
 * neither shares a bug with the derivation. A column is named as its field in snake_case.
 */
export type HandKind = 'id' | 'string' | 'int' | 'float' | 'datetime' | 'json';
export type HandName = 'Author' | 'Book' | 'Store' | 'Inventory' | 'AuditEntry' | 'User';
export interface HandTable {
  table: string;
  keys: string[];
  columns: Record<string, [column: string, kind: HandKind]>;
}

const STAMPS = { createdAt: 'datetime', updatedAt: 'datetime' } as const;
const TABLES: Record<HandName, { table: string; keys: string[]; kinds: Record<string, HandKind> }> = {
  Author: { table: 'author', keys: ['id'], kinds: { id: 'id', name: 'string', email: 'string', bio: 'string', ...STAMPS } },
  Book: {
    table: 'book',
    keys: ['id', 'authorId'],
    kinds: { id: 'id', title: 'string', isbn: 'string', publishedYear: 'int', price: 'float', authorId: 'id', version: 'int', ...STAMPS },
  },
  Store: { table: 'store', keys: ['id'], kinds: { id: 'id', name: 'string', city: 'string', ...STAMPS } },
  Inventory: { table: 'inventory', keys: ['bookId', 'storeId'], kinds: { bookId: 'id', storeId: 'id', quantity: 'int' } },
  AuditEntry: {
    table: 'audit_entry',
    keys: ['id', 'actorId'],
    kinds: { id: 'id', at: 'datetime', actorId: 'id', actorEmail: 'string', action: 'string', entity: 'string', entityId: 'string', changes: 'json' },
  },
  User: { table: 'app_user', keys: ['id'], kinds: { id: 'id', email: 'string', role: 'string', createdAt: 'datetime' } },
};

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** One table as the old hand map described it; `fields` keeps only those columns. */
export function handTable(name: HandName, fields?: string[]): HandTable {
  const { table, keys, kinds } = TABLES[name];
  const picked = Object.entries(kinds).filter(([field]) => !fields || fields.includes(field));
  return { table, keys, columns: Object.fromEntries(picked.map(([field, kind]) => [field, [snake(field), kind]])) };
}
