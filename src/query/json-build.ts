// Pieces of the compiled read path's JSON building, apart from the recursion over objects that
// json-query.ts keeps: shared with aggregate-json.ts / aggregate-compiled.ts.
import type { FieldNode, GraphQLObjectType } from 'graphql';
import type { RefusalReason } from '../graphql/fallback-reasons.js';
import type { Collected, SelectionEnv } from './collect-fields.js';
import { cappedCountSql, countPlan, CountMode, type CountArgs } from './count-modes.js';
import { filterToSql, type AliasScope, type FilterInput } from './filters.js';
import type { Column, ManyRelation, Model } from './model.js';
import { join, raw, sql, type Sql } from './sql.js';
import { tableRef } from './table-ref.js';

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

export interface CompileEnv extends SelectionEnv {
  /**
   * `Type.field` of every field with an authorization check or middleware: the compiler would
   * skip that check, so it refuses them and graphql-js runs them (see guarded-fields.ts).
   */
  guarded: ReadonlySet<string>;
}

/** What the compiler carries down a document: CompileEnv and the statement's table aliases. */
export interface CompilerEnv extends CompileEnv {
  aliases: AliasScope;
}

/** Refuses a field whose check only the resolver path runs. */
export function unguarded(parent: GraphQLObjectType, name: string, env: CompilerEnv): void {
  if (env.guarded.has(`${parent.name}.${name}`)) throw new NotCompilable(`${parent.name}.${name}`, 'guarded-field');
}

/** Each selected field of an object built from `pieces` (a value per field name), `__typename` included. */
export function pickJson(type: GraphQLObjectType, fields: Collected, env: CompilerEnv, pieces: (name: string, nodes: FieldNode[]) => Sql): Sql {
  const pairs: [string, Sql][] = [];
  for (const [key, nodes] of fields) {
    const name = nodes[0].name.value;
    if (name !== '__typename') unguarded(type, name, env);
    pairs.push([key, name === '__typename' ? typeName(type) : pieces(name, nodes)]);
  }
  return jsonObject(pairs);
}

/**
 * `count(mode, max)` as connections.ts answers it: ESTIMATED needs an EXPLAIN beside the statement,
 * so a top-level one goes to the resolvers; per parent it is an exact count.
 */
export function countModeJson(type: GraphQLObjectType, args: CountArgs, fields: Collected, env: CompilerEnv, fromWhere: () => Sql, perParent: boolean): Sql {
  const plan = countPlan(args);
  if (plan.mode === CountMode.ESTIMATED && !perParent) throw new NotCompilable('ESTIMATED count');
  const capped = plan.mode === CountMode.CAPPED;
  const counted = env.aliases.alias('n');
  const n = raw(`"${counted}"."n"`);
  const parts: Record<string, Sql> = {
    value: capped ? sql`least(${n}, ${plan.max})` : n,
    mode: raw(`'${capped ? CountMode.CAPPED : CountMode.EXACT}'::text`),
    capped: capped ? sql`${n} > ${plan.max}` : raw('FALSE'),
  };
  const count = capped ? cappedCountSql(fromWhere(), plan.max) : sql`(SELECT count(*)::int FROM ${fromWhere()})`;
  const json = pickJson(type, fields, env, (name) => parts[name] ?? notCompilable(`${type.name}.${name}`));
  return sql`(SELECT ${json} FROM (SELECT ${count} AS "n") ${raw(`"${counted}"`)})`;
}

export function notCompilable(what: string): never {
  throw new NotCompilable(what);
}

/** FROM and WHERE for the rows of a list or an aggregate: a table, or the related rows of one parent (`id`). */
export function rowsSource(
  model: Model,
  alias: string,
  filter: FilterInput | null | undefined,
  aliases: AliasScope,
  parent?: { relation: ManyRelation; id: Sql },
): Sql {
  const where = filterToSql(model, alias, filter, aliases);
  if (!parent) return sql`${tableRef(model.table, alias)} WHERE ${where}`;
  return sql`${parent.relation.from(alias)} WHERE ${parent.relation.parentKey(alias)} = ${parent.id} AND ${where}`;
}
