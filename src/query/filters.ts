import { BadUserInputError } from '../errors.js';
import { columnRef, type Column, type Model } from './model.js';
import { and, escapeLike, FALSE, or, raw, sql, TRUE, type Sql } from './sql.js';
import { tableRef } from './table-ref.js';

/** A filter input as GraphQL hands it over: field -> operators, relation -> list/one filter, and/or/not. */
export type FilterInput = object;
type Operators = Record<string, unknown>;

export const MAX_IN_LIST = 1000;
/** Nested filters (and/or/not/relations) beyond this make PostgreSQL plan for seconds: refused. */
export const MAX_FILTER_DEPTH = 16;

/** Hands out unique table aliases for the subqueries of one statement. */
export class AliasScope {
  private next = 0;
  alias(prefix: string): string {
    return `${prefix}${++this.next}`;
  }
}

/** Turns a `*Filter` input into a WHERE condition on `alias`; throws BadUserInputError on bad values. */
export function filterToSql(model: Model, alias: string, filter: FilterInput | null | undefined, scope = new AliasScope(), path = 'filter', depth = 0): Sql {
  if (!filter) return TRUE;
  if (depth > MAX_FILTER_DEPTH) throw new BadUserInputError([{ path, message: `nests deeper than ${MAX_FILTER_DEPTH} levels` }]);
  const nested = (m: Model, a: string, f: FilterInput, at: string) => filterToSql(m, a, f, scope, at, depth + 1);
  const parts: Sql[] = [];
  for (const [key, value] of Object.entries(filter as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    const at = `${path}.${key}`;
    if (key === 'and') parts.push(and(asList(value).map((f, i) => nested(model, alias, f, `${at}.${i}`))));
    else if (key === 'or') parts.push(or(asList(value).map((f, i) => nested(model, alias, f, `${at}.${i}`))));
    else if (key === 'not') parts.push(sql`(${nested(model, alias, value as FilterInput, at)}) IS NOT TRUE`);
    else if (key in model.columns) parts.push(operatorsToSql(model.columns[key], columnRef(alias, model.columns[key]), value as Operators, at));
    else if (key in model.relations) parts.push(relationToSql(model, key, alias, value as Record<string, FilterInput>, scope, at, nested));
    else throw new BadUserInputError([{ path: at, message: 'is not a filterable field' }]);
  }
  return and(parts);
}

function asList(value: unknown): FilterInput[] {
  return (Array.isArray(value) ? value : [value]) as FilterInput[];
}

type Nested = (model: Model, alias: string, filter: FilterInput, path: string) => Sql;

function relationToSql(
  model: Model,
  key: string,
  alias: string,
  value: Record<string, FilterInput | undefined>,
  scope: AliasScope,
  path: string,
  nested: Nested,
): Sql {
  const relation = model.relations[key];
  const target = relation.target();
  const to = scope.alias(target.table[0]);
  if (relation.kind === 'one') {
    const cond = nested(target, to, value, path);
    return sql`EXISTS (SELECT 1 FROM ${tableRef(target.table, to)} WHERE ${relation.link(alias, to)} AND ${cond})`;
  }
  const from = relation.from(to);
  const where = sql`${relation.parentKey(to)} = ${raw(`"${alias}"."id"`)}`;
  const parts: Sql[] = [];
  if (value.some) parts.push(sql`EXISTS (SELECT 1 FROM ${from} WHERE ${where} AND ${nested(target, to, value.some as FilterInput, `${path}.some`)})`);
  if (value.none) parts.push(sql`NOT EXISTS (SELECT 1 FROM ${from} WHERE ${where} AND ${nested(target, to, value.none as FilterInput, `${path}.none`)})`);
  if (value.every) {
    const cond = nested(target, to, value.every as FilterInput, `${path}.every`);
    parts.push(sql`NOT EXISTS (SELECT 1 FROM ${from} WHERE ${where} AND (${cond}) IS NOT TRUE)`);
  }
  return and(parts);
}

function coerce(column: Column, value: unknown, path: string): unknown {
  if (column.kind !== 'id') return value;
  const text = String(value);
  if (!/^\d{1,15}$/.test(text) || Number(text) > 2147483647) throw new BadUserInputError([{ path, message: 'is not a valid id' }]);
  return Number(text);
}

function coerceList(column: Column, value: unknown, path: string): unknown[] {
  const list = value as unknown[];
  if (list.length > MAX_IN_LIST) throw new BadUserInputError([{ path, message: `may hold at most ${MAX_IN_LIST} values` }]);
  return list.map((v, i) => coerce(column, v, `${path}.${i}`));
}

function checkNumber(value: unknown, path: string): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new BadUserInputError([{ path, message: 'must be a finite number' }]);
  return value;
}

function operatorsToSql(column: Column, ref: Sql, ops: Operators, path: string): Sql {
  const parts: Sql[] = [];
  for (const [op, raw_] of Object.entries(ops)) {
    if (raw_ === undefined) continue;
    const at = `${path}.${op}`;
    if (raw_ === null) {
      if (op === 'isNull') continue;
      throw new BadUserInputError([{ path: at, message: 'may not be null' }]);
    }
    const value = op === 'in' || op === 'notIn' ? coerceList(column, raw_, at) : checkNumber(coerce(column, raw_, at), at);
    switch (op) {
      case 'eq':
        parts.push(sql`${ref} = ${value}`);
        break;
      case 'ne':
        parts.push(sql`${ref} <> ${value}`);
        break;
      case 'in':
        parts.push((value as unknown[]).length ? sql`${ref} = ANY(${value})` : FALSE);
        break;
      case 'notIn':
        parts.push(sql`${ref} <> ALL(${value})`);
        break;
      case 'gt':
        parts.push(sql`${ref} > ${value}`);
        break;
      case 'gte':
        parts.push(sql`${ref} >= ${value}`);
        break;
      case 'lt':
        parts.push(sql`${ref} < ${value}`);
        break;
      case 'lte':
        parts.push(sql`${ref} <= ${value}`);
        break;
      case 'contains':
        parts.push(sql`${ref} ILIKE ${`%${escapeLike(String(value))}%`}`);
        break;
      case 'startsWith':
        parts.push(sql`${ref} ILIKE ${`${escapeLike(String(value))}%`}`);
        break;
      case 'endsWith':
        parts.push(sql`${ref} ILIKE ${`%${escapeLike(String(value))}`}`);
        break;
      case 'isNull':
        parts.push(value ? sql`${ref} IS NULL` : sql`${ref} IS NOT NULL`);
        break;
      default:
        throw new BadUserInputError([{ path: at, message: 'is not a known operator' }]);
    }
  }
  return and(parts);
}
