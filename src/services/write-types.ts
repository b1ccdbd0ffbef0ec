// What the write services take: plain values, so they serve GraphQL inputs, seeders and imports
// alike (the GraphQL input classes satisfy these shapes structurally).

export interface AuthorValues {
  name: string;
  email: string;
  bio?: string | null;
  /** Created with the author, in the same transaction. */
  books?: AuthorBookValues[] | null;
}

export interface AuthorPatch {
  name?: string;
  email?: string;
  bio?: string | null;
}

export interface BookFields {
  title: string;
  isbn?: string | null;
  publishedYear?: number | null;
  price?: number | null;
  /** Stock in stores, set with the book in the same transaction. */
  stock?: StockValues[] | null;
}

export type AuthorBookValues = BookFields;

export interface BookValues extends BookFields {
  authorId: string;
}

export interface BookPatch {
  title?: string;
  authorId?: string | null;
  isbn?: string | null;
  publishedYear?: number | null;
  price?: number | null;
  expectedVersion?: number | null;
}

export interface StoreValues {
  name: string;
  city?: string | null;
}

export type StorePatch = Partial<StoreValues>;

export interface StockValues {
  storeId: string;
  quantity: number;
}

export interface StockItem extends StockValues {
  bookId: string;
}

/** A row as a write returns it: field names as GraphQL spells them (plus `old$...` values). */
export type Row = Record<string, unknown> & { id: number };

export interface InventoryRow {
  bookId: number;
  storeId: number;
  quantity: number;
}
