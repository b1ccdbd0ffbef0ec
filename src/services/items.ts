import { BadUserInputError, ConflictError, type FieldProblem } from '../errors.js';
import type { Table } from './write-sql.js';

/** The most items one bulk mutation takes; all of them are written by one statement. */
export const MAX_ITEMS = 1000;

export function checkItemCount(count: number, path: string): void {
  if (count > MAX_ITEMS) throw new BadUserInputError([{ path, message: `must have at most ${MAX_ITEMS} items` }]);
}

/** BAD_USER_INPUT at `<path>.<i>.<field>` for the first item that repeats an earlier one's key. */
export function checkRepeats(keys: string[], path: (i: number) => string, field: string): void {
  const seen = new Map<string, number>();
  keys.forEach((key, i) => {
    const first = seen.get(key);
    if (first !== undefined) throw new BadUserInputError([{ path: `${path(i)}.${field}`, message: `repeats ${path(first)}` }]);
    seen.set(key, i);
  });
}

interface PgError {
  code?: string;
  detail?: string;
}

/**
 * A unique or foreign-key violation of a multi-row write, turned into the error of the item that
 * caused it: PostgreSQL's detail names the column and value (`Key (author_id)=(7) is not present`),
 * and the item is the one holding that value (of two equal values, the later one is refused).
 * Anything else is returned as it is, for the shared mapper.
 */
export function itemError(err: unknown, table: Table, rows: Record<string, unknown>[], path: (i: number) => string): unknown {
  const e = err as PgError;
  const match = /^Key \((.+)\)=\((.*)\) (already exists|is not present)/.exec(e?.detail ?? '');
  if (!match || (e.code !== '23505' && e.code !== '23503')) return err;
  const [, key, value, what] = match;
  const field = table.fields.find((f) => new RegExp(`\\b${table.model.columns[f].column}\\b`).test(key));
  if (!field) return err;
  const folded = /lower\(/.test(key);
  const same = (v: unknown) => v !== null && v !== undefined && (folded ? String(v).toLowerCase() === value.toLowerCase() : String(v) === value);
  const hits = rows.flatMap((r, i) => (same(r[field]) ? [i] : []));
  if (hits.length === 0) return err;
  const index = hits.length > 1 ? hits[1] : hits[0];
  const problem: FieldProblem = { path: `${path(index)}.${field}`, message: hits.length > 1 ? `repeats ${path(hits[0])}` : 'is already taken' };
  if (what === 'already exists') return new ConflictError(`${problem.path} ${problem.message}`, [problem]);
  const target = /^(\w+)_id$/.exec(table.model.columns[field].column)?.[1] ?? 'row';
  return new BadUserInputError([{ path: problem.path, message: `no ${target} has this id` }]);
}
