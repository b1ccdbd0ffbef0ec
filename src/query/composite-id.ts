// The GraphQL `id` of a row keyed by several columns (an inventory link is "<bookId>:<storeId>"),
// so client caches normalise it. One format, used by the resolvers, the compiled reader and the
// audit log's entityId; the key fields come from the model (registry/derive.ts).
import type { Model } from './model-types.js';
import { raw, type Sql } from './sql.js';

const SEPARATOR = ':';

function keyFields(model: Model): string[] {
  if (!model.compositeId) throw new Error(`${model.name} has a single-column key`);
  return model.compositeId;
}

/** The id from a row's key values, e.g. `{ bookId: 3, storeId: 7 }` -> "3:7". */
export const compositeIdOf = (model: Model, row: Record<string, unknown>): string =>
  keyFields(model)
    .map((f) => String(row[f]))
    .join(SEPARATOR);

/** The same id in SQL, from the row aliased `alias`. */
export const compositeIdSql = (model: Model, alias: string): Sql =>
  raw(
    keyFields(model)
      .map((f) => `"${alias}"."${model.columns[f].column}"::text`)
      .join(` || '${SEPARATOR}' || `),
  );
