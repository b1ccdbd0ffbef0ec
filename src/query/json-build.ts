// Pieces of the compiled read path's JSON building that more than one compiler module uses
// (json-query.ts for objects, pages and connections; aggregate-json.ts for aggregates).
import type { GraphQLObjectType } from 'graphql';
import type { RefusalReason } from '../graphql/fallback-reasons.js';
import type { Column } from './model.js';
import { join, raw, sql, type Sql } from './sql.js';

/** The selection holds something the compiler does not translate; that root field goes to graphql-js instead. */
export class NotCompilable extends Error {
  constructor(
    what: string,
    readonly reason: RefusalReason = 'unsupported-field',
  ) {
    super(what);
  }
}

// json_build_object takes at most 100 arguments.
const MAX_KEYS = 50;

export const typeName = (type: GraphQLObjectType) => raw(`'${type.name}'::text`);

/** `{ key: value, ... }` built from pairs whose keys are GraphQL names (safe to inline). */
export function jsonObject(pairs: [string, Sql][]): Sql {
  if (pairs.length > MAX_KEYS) throw new NotCompilable(`more than ${MAX_KEYS} fields in one object`);
  return sql`json_build_object(${join(
    pairs.map(([key, value]) => sql`${raw(`'${key}'`)}, ${value}`),
    ', ',
  )})`;
}

/** A timestamp as Date#toISOString gives it: UTC, milliseconds, Z. */
export function isoJson(timestamp: Sql): Sql {
  return sql`to_char(${timestamp}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

export function columnJson(alias: string, column: Column): Sql {
  const ref = raw(`"${alias}"."${column.column}"`);
  switch (column.kind) {
    case 'id':
      return sql`${ref}::text`;
    case 'datetime':
      return isoJson(sql`${ref} AT TIME ZONE 'UTC'`);
    case 'json':
      throw new NotCompilable('json column');
    default:
      return ref;
  }
}
