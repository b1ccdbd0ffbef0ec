// totalCount modes, for both read paths: EXACT counts every matching row; CAPPED counts no
// further than `max` (a LIMIT max + 1 subquery) and says whether it stopped; ESTIMATED asks the
// planner (EXPLAIN of the filtered statement) and costs what planning costs.
import { registerEnumType } from 'type-graphql';
import type { Database } from '../db/database.js';
import { BadUserInputError } from '../errors.js';
import { sql, type Sql } from './sql.js';

export enum CountMode {
  EXACT = 'EXACT',
  CAPPED = 'CAPPED',
  ESTIMATED = 'ESTIMATED',
}
registerEnumType(CountMode, {
  name: 'CountMode',
  description: 'EXACT: every matching row. CAPPED: stops at `max`. ESTIMATED: the planner’s estimate (statistics from ANALYZE).',
});

export interface CountInfo {
  value: number;
  mode: CountMode;
  /** CAPPED only: more than `max` rows match, and `value` is `max`. */
  capped: boolean;
}

export interface CountArgs {
  mode?: CountMode | null;
  max?: number | null;
}

export const MAX_COUNT_CAP = 100_000;
export const DEFAULT_COUNT_CAP = 1000;

/** Validates the arguments: `max` 0..100,000 (default 1,000). */
export function countPlan(args: CountArgs): { mode: CountMode; max: number } {
  const max = args.max ?? DEFAULT_COUNT_CAP;
  if (!Number.isInteger(max) || max < 0 || max > MAX_COUNT_CAP)
    throw new BadUserInputError([{ path: 'max', message: `must be between 0 and ${MAX_COUNT_CAP}` }]);
  return { mode: args.mode ?? CountMode.EXACT, max };
}

/** The number of rows of `fromWhere` (`<table> <alias> WHERE ...`), counting no further than max + 1. */
export function cappedCountSql(fromWhere: Sql, max: number): Sql {
  return sql`(SELECT count(*)::int FROM (SELECT 1 FROM ${fromWhere} LIMIT ${max + 1}) "capped")`;
}

/** A count of up to max + 1 rows, as the answer gives it. */
export function cappedInfo(counted: number, max: number): CountInfo {
  return { value: Math.min(counted, max), mode: CountMode.CAPPED, capped: counted > max };
}

/** The planner's row estimate for `SELECT 1 FROM <fromWhere>`: no row is read. */
export async function estimatedInfo(db: Database, fromWhere: Sql): Promise<CountInfo> {
  const [row] = await db.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${fromWhere}`);
  return { value: Math.round(row['QUERY PLAN'][0].Plan['Plan Rows']), mode: CountMode.ESTIMATED, capped: false };
}
