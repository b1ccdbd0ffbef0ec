import { BadUserInputError, type FieldProblem } from '../errors.js';

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
