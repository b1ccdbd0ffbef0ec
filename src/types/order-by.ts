// Generated from the entities (src/query/registry/inputs.ts); the type aliases name what resolvers receive.
import type { OrderByInput } from '../query/order.js';
import { AuthorModel, BookModel, StoreModel } from '../query/model.js';
import { orderByInputs } from '../query/registry/inputs.js';

export const { AuthorOrderBy, BookOrderBy, StoreOrderBy } = orderByInputs([AuthorModel, BookModel, StoreModel]);
export type AuthorOrderBy = OrderByInput;
export type BookOrderBy = OrderByInput;
export type StoreOrderBy = OrderByInput;
