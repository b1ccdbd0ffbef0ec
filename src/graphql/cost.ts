import {
  getNamedType,
  isInputType,
  isInterfaceType,
  isObjectType,
  Kind,
  typeFromAST,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { QueryLimits } from '../config.js';
import { AppError, QueryTooComplexError } from '../errors.js';
import { collectFields, subfields, type Collected, type SelectionEnv } from '../query/collect-fields.js';
import { fieldArguments } from '../query/field-args.js';
import { COST, filterCost } from './filter-cost.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../query/pagination.js';

type Input = Record<string, unknown>;
type Composite = GraphQLObjectType | GraphQLInterfaceType;

/** The `limit` a page will use: within 0..MAX_LIMIT, the default when absent or not a number. */
function pageSize(args: Input): number {
  const limit = args.limit ?? args.first ?? args.last;
  return typeof limit === 'number' && Number.isFinite(limit) ? Math.min(Math.max(Math.floor(limit), 0), MAX_LIMIT) : DEFAULT_LIMIT;
}

/** What an operation could return (objects) and the work it could do (cost), before it runs. */
export interface Figures {
  nodes: number;
  cost: number;
}

/**
 * The raw variables (JSON as sent) with the operation's variable defaults filled in: what the
 * walk below reads. Coercing 100 KB of variables costs graphql-js ~30 ms of the one thread, so a
 * request is sized, and refused when over budget, before it is coerced (execution coerces later).
 */
export function variablesWithDefaults(schema: GraphQLSchema, operation: OperationDefinitionNode, raw: Input): Input {
  // Most operations declare no default: then the walk reads the request's own object (it never writes).
  if (!operation.variableDefinitions?.some((d) => d.defaultValue)) return raw;
  const out: Input = { ...raw };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (out[name] === undefined && definition.defaultValue && type && isInputType(type)) out[name] = valueFromAST(definition.defaultValue, type);
  }
  return out;
}

/**
 * One walk for both figures, with the shared collectFields/subfields (so @skip/@include and
 * fragments count as they will run): every object field counts one object per parent object, and
 * a paged list field (one with `limit`) costs (page + ordering + filter) once per object of the
 * pages above it and multiplies what is beneath it by its limit. `env.variables` may be raw
 * (variablesWithDefaults) or coerced: only their shape is read. A filter that alone exceeds
 * `limits.cost` stops being read there (`found` is then what was counted, over the limit), so a
 * huge filter is refused for the price of reading a budget's worth of it.
 */
export function operationFigures(root: Composite, operation: OperationDefinitionNode, env: SelectionEnv, limits?: QueryLimits): Figures {
  const figures: Figures = { nodes: 0, cost: 0 };
  // `objects`: how many parent objects there could be; `runs`: how often a page beneath runs its
  // filter (a page of limit 0 still runs it, for totalCount).
  const walk = (fields: Collected, parent: Composite, objects: number, runs: number): void => {
    for (const nodes of fields.values()) {
      const name = nodes[0].name.value;
      const definition = name.startsWith('__') ? undefined : parent.getFields()[name];
      const type = definition && getNamedType(definition.type);
      if (!definition || !(isObjectType(type) || isInterfaceType(type))) continue;
      figures.nodes += objects;
      // A connection (first/last) is a page as a list with `limit` is.
      const paged = definition.args.some((a) => a.name === 'limit' || a.name === 'first');
      // An aggregate (`booksAggregate(filter)`) runs its filter as a page does, for one object.
      if (!paged && !definition.args.some((a) => a.name === 'filter')) {
        walk(subfields(nodes, env), type, objects, runs);
        continue;
      }
      const args = argumentsOf(definition, nodes[0], env);
      if (limits) {
        const order = Array.isArray(args.orderBy) ? args.orderBy.length : 0;
        figures.cost += runs * (COST.page + COST.order * order + filterCost(args.filter, 'filter', limits, { sum: 0 }));
      }
      const size = paged ? pageSize(args) : 1;
      walk(subfields(nodes, env), type, objects * size, runs * Math.max(1, size));
    }
  };
  walk(collectFields(operation.selectionSet, env), root, 1, 1);
  figures.cost = Math.ceil(figures.cost);
  return figures;
}

function argumentsOf(definition: GraphQLField<unknown, unknown>, node: FieldNode, env: SelectionEnv): Input {
  try {
    return fieldArguments(definition, node, env.variables);
  } catch {
    return {}; // A bad argument fails when the field runs (BAD_USER_INPUT there); it costs nothing here.
  }
}

/**
 * The figures of a request from its raw variables, or undefined when they cannot be read (a
 * variable an @skip needs is missing: execution refuses the request before anything runs).
 * Without `limits`, only the node count (no filter is read). Throws BAD_USER_INPUT for a filter
 * over its caps.
 */
export function requestFigures(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  raw: Input,
  limits?: QueryLimits,
): Figures | undefined {
  const kind = operation.operation;
  const root = kind === 'query' ? schema.getQueryType() : kind === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return undefined;
  try {
    return operationFigures(root, operation, { fragments, variables: variablesWithDefaults(schema, operation, raw) }, limits);
  } catch (err) {
    if (err instanceof AppError) throw err;
    return undefined;
  }
}

export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return fragments;
}

/** Refuses (QUERY_TOO_COMPLEX with its figures) what is over the node limit, then over the cost budget. */
export function checkFigures(figures: Figures, limits: QueryLimits): void {
  if (figures.nodes > limits.nodes) throw new QueryTooComplexError('nodes', limits.nodes, figures.nodes);
  if (figures.cost > limits.cost) throw new QueryTooComplexError('cost', limits.cost, figures.cost);
}
