// Keyset cursors, the one implementation both read paths use: the cursor text is built by SQL
// (cursorSql, so both paths give the same bytes, with the database's own precision for numbers and
// timestamps), decoded here, and turned back into a seek condition (seekParts) instead of an OFFSET.
import { createHash } from 'node:crypto';
import type { CountArgs, CountInfo } from './count-modes.js';
import { BadUserInputError, type FieldProblem } from '../errors.js';
import type { Model } from './model.js';
import { orderBySql, type OrderByInput, type SortKey } from './order.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from './pagination.js';
import { and, FALSE, join, or, raw, sql, type Sql } from './sql.js';

/** The arguments of a connection field (Relay's names). */
export interface CursorArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  orderBy?: OrderByInput[] | null;
}

/** A validated connection window: which rows, walked which way, how many. */
export interface Seek {
  /** Names the sort the cursors were made for; a cursor with another one is refused. */
  signature: string;
  /** The sort key values (tiebreak last) of the `after` / `before` cursors. */
  after?: unknown[];
  before?: unknown[];
  /** `last`: the walk goes against the sort, and the page is reversed at the end. */
  backward: boolean;
  size: number;
}

/** The orderBy input with its null fields dropped and keys sorted: equal sorts, equal text. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).filter(([, v]) => v !== null && v !== undefined);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, canonical(v)]));
}

/** A short digest of (type, tiebreak, orderBy): what a cursor carries to say which sort it belongs to. */
export function sortSignature(model: Model, orderBy: OrderByInput[] | null | undefined, tiebreak = 'id'): string {
  return createHash('sha256')
    .update(JSON.stringify([model.name, tiebreak, canonical(orderBy ?? [])]))
    .digest('base64url')
    .slice(0, 12);
}

/**
 * The cursor of the row the keys are evaluated on: base64url of the JSON array
 * `[signature, key values..., tiebreak]`. PostgreSQL's base64 wraps lines: the newlines go.
 */
export function cursorSql(keys: SortKey[], signature: string): Sql {
  const array = sql`json_build_array(${signature}::text, ${join(
    keys.map((k) => k.expr),
    ', ',
  )})`;
  return sql`translate(encode(convert_to(${array}::text, 'UTF8'), 'base64'), E'+/\\n', '-_')`;
}

function decode(cursor: string, seek: { signature: string }, keyCount: number, path: string): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (!Array.isArray(values) || values.length !== keyCount + 1 || values[0] !== seek.signature)
    throw new BadUserInputError([{ path, message: 'is not a cursor of this list with this orderBy' }]);
  return values.slice(1);
}

/** Validates first / last (0..100, not both) and decodes the cursors against this sort. */
export function seekOf(args: CursorArgs, signature: string, keyCount: number): Seek {
  const problems: FieldProblem[] = [];
  const size = (name: 'first' | 'last') => {
    const value = args[name];
    if (value !== null && value !== undefined && (!Number.isInteger(value) || value < 0 || value > MAX_LIMIT))
      problems.push({ path: name, message: `must be between 0 and ${MAX_LIMIT}` });
  };
  size('first');
  size('last');
  const backward = args.last !== null && args.last !== undefined;
  if (backward && args.first !== null && args.first !== undefined) problems.push({ path: 'last', message: 'cannot be used with first' });
  if (problems.length) throw new BadUserInputError(problems);
  const seek: Seek = { signature, backward, size: (backward ? args.last : args.first) ?? DEFAULT_LIMIT };
  if (args.after) seek.after = decode(args.after, seek, keyCount, 'after');
  if (args.before) seek.before = decode(args.before, seek, keyCount, 'before');
  return seek;
}

// NULL sorts after every value (PostgreSQL: NULLS LAST for ASC, FIRST for DESC), so "past v" is:
function past(key: SortKey, v: unknown, desc: boolean): Sql {
  if (v === null) return desc ? sql`${key.expr} IS NOT NULL` : FALSE;
  if (desc) return sql`${key.expr} < ${v}`;
  return key.nullable ? sql`(${key.expr} > ${v} OR ${key.expr} IS NULL)` : sql`${key.expr} > ${v}`;
}

const same = (key: SortKey, v: unknown): Sql => (v === null ? sql`${key.expr} IS NULL` : sql`${key.expr} = ${v}`);

/** A non-strict bound on the first key that an index can seek to (the OR-chain alone cannot). */
function leadingBound(key: SortKey, v: unknown, desc: boolean): Sql[] {
  if (desc) return v === null ? [] : [sql`${key.expr} <= ${v}`];
  if (v === null) return [sql`${key.expr} IS NULL`];
  return key.nullable ? [] : [sql`${key.expr} >= ${v}`];
}

/**
 * The rows strictly past `values` when walking `keys` (against them if `backward`): a row
 * comparison when every key goes the same way and none can be NULL, else the OR-chain
 * `k1 > v1 OR (k1 = v1 AND k2 > v2) ...` under a bound on the first key.
 */
export function seekCondition(keys: SortKey[], values: unknown[], backward: boolean): Sql {
  const desc = keys.map((k) => k.desc !== backward);
  if (desc.every((d) => d === desc[0]) && keys.every((k, i) => !k.nullable && values[i] !== null)) {
    const row = (pieces: Sql[]) => sql`(${join(pieces, ', ')})`;
    return sql`${row(keys.map((k) => k.expr))} ${raw(desc[0] ? '<' : '>')} ${row(values.map((v) => sql`${v}`))}`;
  }
  const chain = or(keys.map((key, i) => and([...keys.slice(0, i).map((k, j) => same(k, values[j])), past(key, values[i], desc[i])])));
  return and([...leadingBound(keys[0], values[0], desc[0]), chain]);
}

/** What a list statement adds for a connection: the seek (` AND ...`), the walk order and the `__cursor` column. */
export function seekParts(keys: SortKey[], seek: Seek | undefined): { where: Sql; order: Sql; cursor: Sql } {
  if (!seek) return { where: raw(''), order: orderBySql(keys), cursor: raw('') };
  const conditions = [...(seek.after ? [seekCondition(keys, seek.after, false)] : []), ...(seek.before ? [seekCondition(keys, seek.before, true)] : [])];
  const walk = seek.backward ? keys.map((k) => ({ ...k, desc: !k.desc })) : keys;
  return {
    where: conditions.length ? sql` AND ${and(conditions)}` : raw(''),
    order: orderBySql(walk),
    cursor: sql`, ${cursorSql(keys, seek.signature)} AS "__cursor"`,
  };
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Resolved lazily, as on pages. */
  totalCount: () => Promise<number>;
  /** `count(mode, max)`: resolved lazily too (count-modes.ts). */
  count: (args: CountArgs) => Promise<CountInfo>;
}

/**
 * A connection from the `size + 1` rows a seek fetched in walk order. Relay's rule for the side
 * not walked: there is a previous page when `after` was given (a next one with `before`).
 */
export function toConnection<T extends { __cursor?: unknown }>(rows: T[], seek: Seek, counts: Pick<Connection<T>, 'totalCount' | 'count'>): Connection<T> {
  const more = rows.length > seek.size;
  const page = rows.slice(0, seek.size);
  if (seek.backward) page.reverse();
  const edges = page.map((node) => ({ cursor: String(node.__cursor), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: seek.backward ? !!seek.before : more,
      hasPreviousPage: seek.backward ? more : !!seek.after,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    ...counts,
  };
}
