// Generated from the entities (src/query/registry/inputs.ts); the type aliases name what resolvers receive.
import type { FilterInput } from '../query/filters.js';
import { AuditEntryModel, AuthorModel, BookModel, StoreModel } from '../query/model.js';
import { filterInputs } from '../query/registry/inputs.js';

const AND = 'Every given field must hold (AND).';

const generated = filterInputs([
  [AuthorModel, { description: AND }],
  [BookModel, { description: AND }],
  [StoreModel, { description: AND }],
  [AuditEntryModel, { combinators: false }],
]);

export const { AuthorFilter, BookFilter, StoreFilter, BookListFilter, StoreListFilter, AuditEntryFilter } = generated;
export type AuthorFilter = FilterInput;
export type BookFilter = FilterInput;
export type StoreFilter = FilterInput;
export type BookListFilter = FilterInput;
export type StoreListFilter = FilterInput;
export type AuditEntryFilter = FilterInput;
