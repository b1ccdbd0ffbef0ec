import { getArgumentValues, getNamedType, isObjectType, type GraphQLObjectType, type OperationDefinitionNode } from 'graphql';
import type { QueryLimits } from '../config.js';
import { BadUserInputError } from '../errors.js';
import { collectFields, subfields, type Collected, type SelectionEnv } from '../query/collect-fields.js';
import { MAX_FILTER_DEPTH } from '../query/filters.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../query/pagination.js';

/**
 * The weights of the cost model. A unit is about one cheap condition checked on every row of a
 * table; the node limit already bounds the objects returned, so this counts the work done to
 * find them: each paged list runs its filter once per parent object.
 */
export const COST = {
  /** A paged list field: one statement (or one batched subquery per parent). */
  page: 1,
  /** eq, ne, gt, isNull ...: an indexable comparison. */
  comparison: 1,
  /** contains / startsWith / endsWith: ILIKE on every row, slower the longer the pattern. */
  textTerm: 20,
  /** Per character of a text term. */
  textChar: 1,
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
function filterCost(filter: unknown, path: string, limits: QueryLimits, depth = 0): number {
  // Deeper than filterToSql allows: it refuses that with its own path (BAD_USER_INPUT) when the field runs.
  if (!isInput(filter) || depth > MAX_FILTER_DEPTH) return 0;
  const nested = (value: unknown, at: string) => filterCost(value, at, limits, depth + 1);
  let cost = 0;
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null) continue;
    const at = `${path}.${key}`;
    if (key === 'and' || key === 'or') {
      const items = asList(value);
      if (items.length > limits.filterList) throw inputRefusal(at, `may hold at most ${limits.filterList} filters`);
      items.forEach((item, i) => (cost += nested(item, `${at}.${i}`)));
    } else if (key === 'not' || RELATION_OPS.has(key)) {
      cost += nested(value, at); // the relation itself is counted at its field
    } else if (TEXT_OPS.has(key) || LIST_OPS.has(key) || !isInput(value)) {
      cost += operatorCost(key, value, at, limits);
    } else {
      // A field (its operators) or a to-one relation (author: {...}), told apart by what it holds.
      const relation = Object.keys(value).some((k) => !isOperator(k));
      cost += relation ? COST.relation + COST.relationFactor * nested(value, at) : filterCost(value, at, limits, depth);
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

/** The `limit` a page will use, as countNodes reads it: within 0..MAX_LIMIT, the default when absent. */
function pageSize(args: Input): number {
  const limit = args.limit ?? args.first ?? args.last;
  return typeof limit === 'number' && Number.isFinite(limit) ? Math.min(Math.max(Math.floor(limit), 0), MAX_LIMIT) : DEFAULT_LIMIT;
}

/**
 * The estimated cost of an operation before it runs: per paged list field, (page + filter +
 * ordering) once per object of the pages above it. `variables` may be raw JSON (Apollo, before
 * coercion) or coerced (compiled path): only their shape is read. Walks with the shared
 * collectFields/subfields, so @skip/@include and fragments count as they will run.
 */
export function operationCost(root: GraphQLObjectType, operation: OperationDefinitionNode, env: SelectionEnv, limits: QueryLimits): number {
  let total = 0;
  const walk = (fields: Collected, parent: GraphQLObjectType, multiplier: number): void => {
    for (const nodes of fields.values()) {
      const definition = parent.getFields()[nodes[0].name.value];
      const type = definition && getNamedType(definition.type);
      if (!definition || !isObjectType(type)) continue;
      let args: Input = {};
      try {
        args = getArgumentValues(definition, nodes[0], env.variables as Input);
      } catch {
        // A bad argument fails when the field runs (BAD_USER_INPUT there); it costs nothing here.
      }
      let below = multiplier;
      // A connection (first/last) costs what a page (limit) does.
      if (definition.args.some((a) => a.name === 'limit' || a.name === 'first')) {
        const order = Array.isArray(args.orderBy) ? args.orderBy.length : 0;
        total += multiplier * (COST.page + COST.order * order + filterCost(args.filter, 'filter', limits));
        below = multiplier * Math.max(1, pageSize(args));
      }
      walk(subfields(nodes, env), type, below);
    }
  };
  walk(collectFields(operation.selectionSet, env), root, 1);
  return Math.ceil(total);
}
