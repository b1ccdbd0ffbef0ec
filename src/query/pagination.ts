import { BadUserInputError, type FieldProblem } from '../errors.js';
import { raw, sql, type Sql } from './sql.js';

export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 20;

/** A validated page: what pageArgs returns. */
export interface PageWindow {
  offset: number;
  limit: number;
}

export interface Page<T> {
  items: T[];
  offset: number;
  limit: number;
  hasNextPage: boolean;
  /** Resolved lazily: the COUNT runs only when the field is selected. */
  totalCount: () => Promise<number>;
}

/** Validates offset >= 0 and 0 <= limit <= 100. */
export function pageArgs(offset: number | null | undefined, limit: number | null | undefined): PageWindow {
  const problems: FieldProblem[] = [];
  const o = offset ?? 0;
  const l = limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(o) || o < 0) problems.push({ path: 'offset', message: 'must be 0 or more' });
  if (!Number.isInteger(l) || l < 0 || l > MAX_LIMIT) problems.push({ path: 'limit', message: `must be between 0 and ${MAX_LIMIT}` });
  if (problems.length) throw new BadUserInputError(problems);
  return { offset: o, limit: l };
}

/** Builds a page from `limit + 1` fetched rows: the extra row only says there is a next page. */
export function toPage<T>(rows: T[], args: PageWindow, totalCount: () => Promise<number>): Page<T> {
  return {
    items: rows.slice(0, args.limit),
    offset: args.offset,
    limit: args.limit,
    hasNextPage: rows.length > args.limit,
    totalCount,
  };
}

/** A page's row count as SQL text: a non-negative integer no larger than a page (and its one extra row). */
function rowCount(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_LIMIT + 1) throw new Error(`not a page's row count: ${n}`);
  return String(n);
}

/**
 * `LIMIT n [OFFSET m]` of a page's statement. The LIMIT is written into the text, not bound:
 * PostgreSQL plans a bound LIMIT as if a tenth of the rows were wanted, so a prepared statement
 * with one never settles on its generic plan and is planned anew on every run (a cursor page spent
 * longer planning than running). An OFFSET of 0 is left out for the same reason; any other stays
 * bound, since a text per offset would fill the prepared-statement cache (database.ts).
 */
export function limitSql(limit: number, offset = 0): Sql {
  const text = raw(`LIMIT ${rowCount(limit)}`);
  return offset === 0 ? text : sql`${text} OFFSET ${offset}`;
}

/** `OFFSET` past the page, for "is there a row beyond it": written when the page starts at 0, as limitSql. */
export function beyondSql(page: PageWindow): Sql {
  return page.offset === 0 ? raw(`OFFSET ${rowCount(page.limit)}`) : sql`OFFSET ${page.offset + page.limit}`;
}
