// Parent objects as field resolvers see them: plain rows from read queries or ORM entities.
// Typed as interfaces so type-graphql passes them through as they are (no copying into classes).

export interface IdRoot {
  id: number;
}

export interface BookRoot {
  id: number;
  authorId: number;
}

export interface InventoryRoot {
  bookId: number;
  storeId: number;
}

export interface AuditEntryRoot {
  actorId: number | null;
}
