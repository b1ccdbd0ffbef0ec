import type { QueryLimits } from '../config.js';
import { BadUserInputError } from '../errors.js';
import { MAX_FILTER_DEPTH } from '../query/filters.js';

// The weights of the cost model and the cost of one filter input; the walk over an operation
// that applies them is in cost.ts.

/**
 * The weights of the cost model. The node limit already bounds the objects returned, so this
 * counts the work done to find them: each paged list runs its filter once per parent object.
 *
 * Calibrated on the volume data (30,000 books, `EXPLAIN ANALYZE` of `count(*)` under
 * `title ILIKE ... OR ...` with index scans off: the worst case, which a generic plan or an
 * ORDER BY id LIMIT page gets), on the shared 2-core machine: one `contains` term checked on
 * every row took 0.65-1.7 us per row whatever its length (1 to 50 terms), plus 0.006-0.017 us
 * per row and character (500 characters: 4.7-10 us). So a term weighs as much as ~100 of its
 * characters, and the budget (5,000) allows ~14 terms of 78 characters, 23 of 8 or 4 of 500:
 * ~1 s of one core on 30,000 books with the filter run twice (totalCount and the page), a
 * fifth of the 5 s statement timeout. The old weights (20 + 1 per character) let 50 terms of
 * 78 characters in (4,901), which ran 4.5 s and met the timeout. README "Limits and admission".
 */
export const COST = {
  /** A paged list field: one statement (or one batched subquery per parent). */
  page: 1,
  /** eq, ne, gt, isNull ...: an indexable comparison. */
  comparison: 1,
  /** contains / startsWith / endsWith: ILIKE on every row (a trigram index helps only a custom plan). */
  textTerm: 200,
  /** Per character of a text term: ~1/100 of the term's own weight (above). */
  textChar: 2,
  /** Per value of an `in` / `notIn` list. */
  listValue: 0.1,
  /** A relation filter: a correlated EXISTS per row; what it nests counts twice. */
  relation: 10,
  relationFactor: 2,
  /** Per `orderBy` entry. */
  order: 1,
} as const;

/** BAD_USER_INPUT with the path, answered with 400 like the other refusals made before anything runs. */
export function inputRefusal(path: string, message: string): BadUserInputError {
  const error = new BadUserInputError([{ path, message }]);
  Object.assign(error.extensions, { http: { status: 400 } });
  return error;
}

const TEXT_OPS = new Set(['contains', 'startsWith', 'endsWith']);
const LIST_OPS = new Set(['in', 'notIn']);
const RELATION_OPS = new Set(['some', 'none', 'every']);
type Input = Record<string, unknown>;
// Plain objects only: a coerced DateTime is a Date, an operand.
const isInput = (v: unknown): v is Input => typeof v === 'object' && v !== null && [Object.prototype, null].includes(Object.getPrototypeOf(v));
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/**
 * The cost of a filter input; throws BAD_USER_INPUT (with the path) for an `and` / `or` list or a
 * string over its cap. Scalar filters hold only operators; every other key nests another filter.
 */
export function filterCost(filter: unknown, path: string, limits: QueryLimits, read: { sum: number }, depth = 0): number {
  // Deeper than filterToSql allows: it refuses that with its own path (BAD_USER_INPUT) when the field runs.
  if (!isInput(filter) || depth > MAX_FILTER_DEPTH) return 0;
  const nested = (value: unknown, at: string) => filterCost(value, at, limits, read, depth + 1);
  let cost = 0;
  for (const [key, value] of Object.entries(filter)) {
    // Over the whole budget already: the rest cannot bring it back (see operationFigures).
    if (read.sum > limits.cost) break;
    if (value === undefined || value === null) continue;
    const at = `${path}.${key}`;
    if (key === 'and' || key === 'or') {
      const items = asList(value);
      if (items.length > limits.filterList) throw inputRefusal(at, `may hold at most ${limits.filterList} filters`);
      for (let i = 0; i < items.length && read.sum <= limits.cost; i++) cost += nested(items[i], `${at}.${i}`);
    } else if (key === 'not' || RELATION_OPS.has(key)) {
      cost += nested(value, at); // the relation itself is counted at its field
    } else if (TEXT_OPS.has(key) || LIST_OPS.has(key) || !isInput(value)) {
      const own = operatorCost(key, value, at, limits);
      read.sum += own;
      cost += own;
    } else {
      // A field (its operators) or a to-one relation (author: {...}), told apart by what it holds.
      const relation = Object.keys(value).some((k) => !isOperator(k));
      cost += relation ? COST.relation + COST.relationFactor * nested(value, at) : filterCost(value, at, limits, read, depth);
    }
  }
  return cost;
}

function isOperator(key: string): boolean {
  return TEXT_OPS.has(key) || LIST_OPS.has(key) || ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'isNull'].includes(key);
}

function operatorCost(op: string, value: unknown, path: string, limits: QueryLimits): number {
  const values = LIST_OPS.has(op) ? asList(value) : [value];
  values.forEach((v, i) => {
    if (typeof v === 'string' && v.length > limits.filterString) {
      throw inputRefusal(LIST_OPS.has(op) ? `${path}.${i}` : path, `may be at most ${limits.filterString} characters long`);
    }
  });
  if (TEXT_OPS.has(op)) return COST.textTerm + COST.textChar * String(value).length;
  if (LIST_OPS.has(op)) return COST.comparison + COST.listValue * values.length;
  return COST.comparison;
}
