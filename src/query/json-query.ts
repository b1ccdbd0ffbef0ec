import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { parseId } from '../validation/ids.js';
import { collectFields, subfields, type Collected, type SelectionEnv } from './collect-fields.js';
import { AliasScope, filterToSql, type FilterInput } from './filters.js';
import { AuthorModel, BookModel, InventoryModel, StoreModel, type Column, type ManyRelation, type Model } from './model.js';
import { orderBySql, orderToKeys, type OrderByInput } from './order.js';
import { pageArgs } from './pagination.js';
import { join, raw, sql, type Sql } from './sql.js';

/** The selection holds something the compiler does not translate; the request goes to graphql-js instead. */
class NotCompilable extends Error {}

/** The GraphQL object types backed by a table. */
const MODELS: Readonly<Record<string, Model>> = { Author: AuthorModel, Book: BookModel, Store: StoreModel, Inventory: InventoryModel };
const ROOT_LISTS: Readonly<Record<string, Model>> = { authors: AuthorModel, books: BookModel, stores: StoreModel };
const ROOT_LOOKUPS: Readonly<Record<string, Model>> = { author: AuthorModel, book: BookModel, store: StoreModel };
const PAGE_FIELDS = new Set(['items', 'totalCount', 'offset', 'limit', 'hasNextPage', '__typename']);

// json_build_object takes at most 100 arguments.
const MAX_KEYS = 50;

interface Env extends SelectionEnv {
  aliases: AliasScope;
}

interface ListArgs {
  filter?: FilterInput | null;
  orderBy?: OrderByInput[] | null;
  offset?: number | null;
  limit?: number | null;
}

const typeName = (type: GraphQLObjectType) => raw(`'${type.name}'::text`);

function childType(parent: GraphQLObjectType, node: FieldNode): GraphQLObjectType {
  const type = getNamedType(parent.getFields()[node.name.value]?.type);
  if (!isObjectType(type)) throw new NotCompilable(`${parent.name}.${node.name.value}`);
  return type;
}

function argsOf(parent: GraphQLObjectType, node: FieldNode, env: Env): Record<string, unknown> {
  return getArgumentValues(parent.getFields()[node.name.value], node, env.variables);
}

/** `{ key: value, ... }` built from pairs whose keys are GraphQL names (safe to inline). */
function jsonObject(pairs: [string, Sql][]): Sql {
  if (pairs.length > MAX_KEYS) throw new NotCompilable(`more than ${MAX_KEYS} fields in one object`);
  return sql`json_build_object(${join(pairs.map(([key, value]) => sql`${raw(`'${key}'`)}, ${value}`), ', ')})`;
}

function columnJson(alias: string, column: Column): Sql {
  const ref = raw(`"${alias}"."${column.column}"`);
  switch (column.kind) {
    case 'id': return sql`${ref}::text`;
    // What Date#toISOString gives: UTC, milliseconds, Z.
    case 'datetime': return sql`to_char(${ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case 'json': throw new NotCompilable('json column');
    default: return ref;
  }
}

/** The JSON object for one row of `type` (aliased `alias`) with the fields selected on it. */
function objectJson(type: GraphQLObjectType, alias: string, fields: Collected, env: Env): Sql {
  const model = MODELS[type.name];
  if (!model) throw new NotCompilable(type.name);
  const pairs: [string, Sql][] = [];
  for (const [key, nodes] of fields) pairs.push([key, modelFieldJson(type, model, alias, nodes, env)]);
  return jsonObject(pairs);
}

function modelFieldJson(type: GraphQLObjectType, model: Model, alias: string, nodes: FieldNode[], env: Env): Sql {
  const name = nodes[0].name.value;
  if (name === '__typename') return typeName(type);
  if (model.columns[name]) return columnJson(alias, model.columns[name]);
  if (model.aggregates[name]) return model.aggregates[name](alias);
  const relation = model.relations[name];
  if (!relation) throw new NotCompilable(`${type.name}.${name}`);
  const child = childType(type, nodes[0]);
  if (relation.kind === 'many') return pageJson(child, relation.target(), argsOf(type, nodes[0], env), subfields(nodes, env), env, { relation, parent: alias });
  const target = relation.target();
  const to = env.aliases.alias('o');
  return sql`(SELECT ${objectJson(child, to, subfields(nodes, env), env)} FROM ${raw(`"${target.table}" "${to}"`)} WHERE ${relation.link(alias, to)})`;
}

interface Parent {
  relation: ManyRelation;
  parent: string;
}

/** FROM and WHERE for the rows of a list: a table, or one parent's related rows. */
function source(model: Model, alias: string, filter: FilterInput | null | undefined, env: Env, parent?: Parent): Sql {
  const where = filterToSql(model, alias, filter, env.aliases);
  if (!parent) return sql`${raw(`"${model.table}" "${alias}"`)} WHERE ${where}`;
  return sql`${parent.relation.from(alias)} WHERE ${parent.relation.parentKey(alias)} = ${raw(`"${parent.parent}"."id"`)} AND ${where}`;
}

/** The columns an item subquery must carry: the selected ones, the keys relations and counts join on, the sort fields. */
function columnsRead(model: Model, alias: string, itemFields: Collected, orderBy: OrderByInput[] | null | undefined): Sql {
  const names = new Set(model.keys);
  for (const nodes of itemFields.values()) if (model.columns[nodes[0].name.value]) names.add(nodes[0].name.value);
  for (const element of orderBy ?? []) {
    for (const [field, value] of Object.entries(element)) if (value !== null && value !== undefined && model.columns[field]) names.add(field);
  }
  return raw([...names].map((name) => `"${alias}"."${model.columns[name].column}"`).join(', '));
}

/**
 * A page object. The items come from a subquery of exactly `limit` rows; their nested fields are
 * built only after LIMIT/OFFSET, so rows skipped by the offset cost no more than the scan. The
 * outer json_agg orders by the same keys, which the subquery's columns still carry.
 */
function pageJson(pageType: GraphQLObjectType, model: Model, args: ListArgs, fields: Collected, env: Env, parent?: Parent): Sql {
  const page = pageArgs(args.offset, args.limit);
  const rows = env.aliases.alias('l');
  // Built first, whatever is selected, so that a bad filter or orderBy is refused as the resolvers refuse it.
  const order = orderBySql(orderToKeys(model, rows, args.orderBy, parent?.relation.tiebreak));
  const from = source(model, rows, args.filter, env, parent);
  const pairs: [string, Sql][] = [];
  for (const [key, nodes] of fields) {
    const name = nodes[0].name.value;
    if (name === 'items') {
      const itemFields = subfields(nodes, env);
      const item = objectJson(childType(pageType, nodes[0]), rows, itemFields, env);
      const select = sql`SELECT ${columnsRead(model, rows, itemFields, args.orderBy)} FROM ${from} ORDER BY ${order} LIMIT ${page.limit} OFFSET ${page.offset}`;
      pairs.push([key, sql`coalesce((SELECT json_agg(${item} ORDER BY ${order}) FROM (${select}) ${raw(`"${rows}"`)}), '[]'::json)`]);
    } else if (name === 'hasNextPage') {
      // Any row past offset + limit, in whatever order: no sort needed.
      const beyond = env.aliases.alias('h');
      pairs.push([key, sql`EXISTS (SELECT 1 FROM ${source(model, beyond, args.filter, env, parent)} OFFSET ${page.offset + page.limit})`]);
    } else if (name === 'totalCount') {
      const counted = env.aliases.alias('c');
      pairs.push([key, sql`(SELECT count(*)::int FROM ${source(model, counted, args.filter, env, parent)})`]);
    } else if (name === 'offset' || name === 'limit') {
      pairs.push([key, sql`${page[name]}::int`]);
    } else if (name === '__typename') {
      pairs.push([key, typeName(pageType)]);
    } else {
      throw new NotCompilable(`${pageType.name}.${name}`);
    }
  }
  return jsonObject(pairs);
}

function rootFieldJson(root: GraphQLObjectType, nodes: FieldNode[], env: Env): Sql {
  const name = nodes[0].name.value;
  if (name === '__typename') return typeName(root);
  const child = childType(root, nodes[0]);
  const args = argsOf(root, nodes[0], env);
  if (ROOT_LISTS[name]) return pageJson(child, ROOT_LISTS[name], args, subfields(nodes, env), env);
  const model = ROOT_LOOKUPS[name];
  if (!model) throw new NotCompilable(`Query.${name}`);
  const alias = env.aliases.alias('r');
  return sql`(SELECT ${objectJson(child, alias, subfields(nodes, env), env)} FROM ${raw(`"${model.table}" "${alias}"`)} WHERE ${raw(`"${alias}"."id"`)} = ${parseId(String(args.id))})`;
}

/**
 * One SQL statement whose single row holds the whole `data` object of a query as JSON text.
 * Throws what the resolvers would throw for bad arguments (BadUserInputError), or NotCompilable.
 */
export function operationStatement(root: GraphQLObjectType, operation: OperationDefinitionNode, selection: SelectionEnv): Sql {
  const env: Env = { ...selection, aliases: new AliasScope() };
  const pairs: [string, Sql][] = [];
  for (const [key, nodes] of collectFields(operation.selectionSet, env)) pairs.push([key, rootFieldJson(root, nodes, env)]);
  return sql`SELECT ${jsonObject(pairs)}::text AS "data"`;
}

type Level = 'root' | 'model' | 'page';

/**
 * Whether every field the operation could select (whatever @skip/@include decide) is one that
 * operationStatement translates; decided once per document.
 */
export function isCompilable(root: GraphQLObjectType, set: SelectionSetNode, fragments: Readonly<Record<string, FragmentDefinitionNode>>): boolean {
  const fieldOk = (type: GraphQLObjectType, node: FieldNode, level: Level): boolean => {
    const name = node.name.value;
    if (name === '__typename') return true;
    const child = getNamedType(type.getFields()[name]?.type);
    const nested = (next: Level) => isObjectType(child) && !!node.selectionSet && check(child, node.selectionSet, next);
    if (level === 'root') return ROOT_LISTS[name] ? nested('page') : ROOT_LOOKUPS[name] ? nested('model') : false;
    if (level === 'page') return PAGE_FIELDS.has(name) && (name !== 'items' || nested('model'));
    const model = MODELS[type.name];
    const relation = model?.relations[name];
    if (relation) return nested(relation.kind === 'many' ? 'page' : 'model');
    return !!model && ((!!model.columns[name] && model.columns[name].kind !== 'json') || !!model.aggregates[name]);
  };
  const check = (type: GraphQLObjectType, selections: SelectionSetNode, level: Level): boolean =>
    selections.selections.every((s) => {
      if (s.directives?.some((d) => d.name.value !== 'skip' && d.name.value !== 'include')) return false;
      if (s.kind === Kind.FIELD) return fieldOk(type, s, level);
      const inner = s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragments[s.name.value]?.selectionSet;
      return !!inner && check(type, inner, level);
    });
  return check(root, set, 'root');
}
