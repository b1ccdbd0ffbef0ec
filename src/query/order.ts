import { BadUserInputError } from '../errors.js';
import { columnRef, type Model } from './model.js';
import { raw, sql, type Sql } from './sql.js';
import { tableRef } from './table-ref.js';

export type OrderByInput = object;

/** One sort key: an SQL expression and its direction. */
export interface SortKey {
  expr: Sql;
  desc: boolean;
  /** Whether the expression may be NULL (keyset seeks treat NULL as greater than every value). */
  nullable?: boolean;
}

/**
 * Turns a list of `*OrderBy` elements into sort keys on `alias`, always ending with `id ASC`
 * so that pages are stable. Each element must set exactly one field.
 */
export function orderToKeys(model: Model, alias: string, orderBy: OrderByInput[] | null | undefined, tiebreak = 'id', path = 'orderBy'): SortKey[] {
  const keys: SortKey[] = [];
  (orderBy ?? []).forEach((element, i) => keys.push(elementToKey(model, alias, element, `${path}.${i}`)));
  keys.push({ expr: columnRef(alias, model.columns[tiebreak]), desc: false });
  return keys;
}

function elementToKey(model: Model, alias: string, element: OrderByInput, path: string): SortKey {
  const set = Object.entries((element ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
  if (set.length !== 1) {
    throw new BadUserInputError([{ path, message: `must set exactly one field (found ${set.length})` }]);
  }
  const [field, value] = set[0];
  if (field in model.columns)
    return { expr: columnRef(alias, model.columns[field]), desc: direction(value, `${path}.${field}`), nullable: !!model.columns[field].nullable };
  if (field in model.aggregates) return { expr: model.aggregates[field](alias), desc: direction(value, `${path}.${field}`) };
  const relation = model.relations[field];
  if (relation?.kind === 'one') {
    const target = relation.target();
    const to = `${alias}_${field}`;
    const inner = elementToKey(target, to, value as OrderByInput, `${path}.${field}`);
    const expr = sql`(SELECT ${inner.expr} FROM ${tableRef(target.table, to)} WHERE ${relation.link(alias, to)})`;
    // NULL when there is no related row, whatever the column.
    return { expr, desc: inner.desc, nullable: true };
  }
  throw new BadUserInputError([{ path: `${path}.${field}`, message: 'is not a sortable field' }]);
}

function direction(value: unknown, path: string): boolean {
  if (value === 'ASC') return false;
  if (value === 'DESC') return true;
  throw new BadUserInputError([{ path, message: 'must be ASC or DESC' }]);
}

export function orderBySql(keys: SortKey[]): Sql {
  return keys.slice(1).reduce((acc, k) => sql`${acc}, ${k.expr}${raw(k.desc ? ' DESC' : ' ASC')}`, sql`${keys[0].expr}${raw(keys[0].desc ? ' DESC' : ' ASC')}`);
}
