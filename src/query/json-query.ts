import { getNamedType, isObjectType, type FieldNode, type GraphQLObjectType, type OperationDefinitionNode } from 'graphql';
import type { RefusalReason } from '../graphql/fallback-reasons.js';
import { parseId } from '../validation/ids.js';
import { collectFields, subfields, type Collected } from './collect-fields.js';
import { fieldArguments } from './field-args.js';
import { compositeIdSql } from './composite-id.js';
import { seekOf, seekParts, sortSignature, type CursorArgs, type Seek } from './cursor.js';
import { AliasScope, type FilterInput } from './filters.js';
import { AuthorModel, BookModel, InventoryModel, StoreModel, type ManyRelation, type Model } from './model.js';
import { orderBySql, orderToKeys, type OrderByInput } from './order.js';
import { beyondSql, limitSql, pageArgs } from './pagination.js';
import {
  columnJson,
  countModeJson,
  jsonObject,
  NotCompilable,
  notCompilable,
  pickJson,
  rowsSource,
  typeName,
  unguarded,
  type CompileEnv,
  type CompilerEnv as Env,
} from './json-build.js';
import { relationAggregateJson, rootAggregateJson } from './aggregate-compiled.js';
import { join, raw, sql, type Sql } from './sql.js';
import { tableRef } from './table-ref.js';

export type { CompileEnv } from './json-build.js';

/** The GraphQL object types backed by a table. */
export const MODELS: Readonly<Record<string, Model>> = { Author: AuthorModel, Book: BookModel, Store: StoreModel, Inventory: InventoryModel };
const ROOT_LISTS: Readonly<Record<string, Model>> = { authors: AuthorModel, books: BookModel, stores: StoreModel };
const ROOT_CONNECTIONS: Readonly<Record<string, Model>> = { authorsConnection: AuthorModel, booksConnection: BookModel, storesConnection: StoreModel };
/** `booksConnection` beside the `books` relation (ConnectionResolvers.ts). */
const CONNECTION = 'Connection';
const ROOT_LOOKUPS: Readonly<Record<string, Model>> = { author: AuthorModel, book: BookModel, store: StoreModel };

/** The arguments of a paged list field, as the compiler reads them. */
interface PageQueryArgs {
  filter?: FilterInput | null;
  orderBy?: OrderByInput[] | null;
  offset?: number | null;
  limit?: number | null;
}

function childType(parent: GraphQLObjectType, node: FieldNode): GraphQLObjectType {
  const type = getNamedType(parent.getFields()[node.name.value]?.type);
  if (!isObjectType(type)) throw new NotCompilable(`${parent.name}.${node.name.value}`);
  return type;
}

function argsOf(parent: GraphQLObjectType, node: FieldNode, env: Env): Record<string, unknown> {
  return fieldArguments(parent.getFields()[node.name.value], node, env.variables);
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
  unguarded(type, name, env);
  if (model.columns[name]) return columnJson(alias, model.columns[name]);
  if (name === 'id' && model.compositeId) return compositeIdSql(model, alias);
  if (model.aggregates[name]) return model.aggregates[name](alias);
  const aggregate = relationAggregateJson(type, model, alias, nodes, env);
  if (aggregate) return aggregate;
  const connected = name.endsWith(CONNECTION) ? model.relations[name.slice(0, -CONNECTION.length)] : undefined;
  if (connected?.kind === 'many')
    return connectionJson(childType(type, nodes[0]), connected.target(), argsOf(type, nodes[0], env), subfields(nodes, env), env, {
      relation: connected,
      parent: alias,
    });
  const relation = model.relations[name];
  if (!relation) throw new NotCompilable(`${type.name}.${name}`);
  const child = childType(type, nodes[0]);
  if (relation.kind === 'many') return pageJson(child, relation.target(), argsOf(type, nodes[0], env), subfields(nodes, env), env, { relation, parent: alias });
  const target = relation.target();
  const to = env.aliases.alias('o');
  return sql`(SELECT ${objectJson(child, to, subfields(nodes, env), env)} FROM ${tableRef(target.table, to)} WHERE ${relation.link(alias, to)})`;
}

interface Parent {
  relation: ManyRelation;
  parent: string;
}

/** FROM and WHERE for the rows of a list: a table, or one parent's related rows. */
function source(model: Model, alias: string, filter: FilterInput | null | undefined, env: Env, parent?: Parent): Sql {
  return rowsSource(model, alias, filter, env.aliases, parent && { relation: parent.relation, id: raw(`"${parent.parent}"."id"`) });
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
function pageJson(pageType: GraphQLObjectType, model: Model, args: PageQueryArgs, fields: Collected, env: Env, parent?: Parent): Sql {
  const page = pageArgs(args.offset, args.limit);
  const rows = env.aliases.alias('l');
  // Built first, whatever is selected, so that a bad filter or orderBy is refused as the resolvers refuse it.
  const order = orderBySql(orderToKeys(model, rows, args.orderBy, parent?.relation.tiebreak));
  const from = source(model, rows, args.filter, env, parent);
  const pairs: [string, Sql][] = [];
  for (const [key, nodes] of fields) {
    const name = nodes[0].name.value;
    if (name !== '__typename') unguarded(pageType, name, env);
    if (name === 'items') {
      const itemFields = subfields(nodes, env);
      const item = objectJson(childType(pageType, nodes[0]), rows, itemFields, env);
      const select = sql`SELECT ${columnsRead(model, rows, itemFields, args.orderBy)} FROM ${from} ORDER BY ${order} ${limitSql(page.limit, page.offset)}`;
      pairs.push([key, sql`coalesce((SELECT json_agg(${item} ORDER BY ${order}) FROM (${select}) ${raw(`"${rows}"`)}), '[]'::json)`]);
    } else if (name === 'hasNextPage') {
      // Any row past offset + limit, in whatever order: no sort needed.
      const beyond = env.aliases.alias('h');
      pairs.push([key, sql`EXISTS (SELECT 1 FROM ${source(model, beyond, args.filter, env, parent)} ${beyondSql(page)})`]);
    } else if (name === 'totalCount') {
      pairs.push([key, countJson(model, args.filter, env, parent)]);
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

function countJson(model: Model, filter: FilterInput | null | undefined, env: Env, parent?: Parent): Sql {
  const counted = env.aliases.alias('c');
  return sql`(SELECT count(*)::int FROM ${source(model, counted, filter, env, parent)})`;
}

/**
 * A connection: ONE subquery of `size + 1` rows in walk order (the seek of cursor.ts instead of an
 * OFFSET), aggregated into edges (the first `size`), pageInfo and cursors, as toConnection shapes them.
 */
function connectionJson(type: GraphQLObjectType, model: Model, args: PageQueryArgs & CursorArgs, fields: Collected, env: Env, parent?: Parent): Sql {
  const rows = env.aliases.alias('l');
  const keys = orderToKeys(model, rows, args.orderBy, parent?.relation.tiebreak);
  const seek: Seek = seekOf(args, sortSignature(model, args.orderBy, parent?.relation.tiebreak), keys.length);
  const { where, order, cursor } = seekParts(keys, seek);
  const select = sql`SELECT ${raw(`"${rows}".*`)}${cursor}, row_number() OVER (ORDER BY ${order}) AS "__rn" FROM ${source(model, rows, args.filter, env, parent)}${where} ORDER BY ${order} ${limitSql(seek.size + 1)}`;
  const inPage = sql`FILTER (WHERE ${raw(`"${rows}"."__rn"`)} <= ${seek.size})`;
  // Edges in the order of the sort: against the walk when walking back.
  const edgeOrder = (reverse: boolean) => raw(`"${rows}"."__rn"${seek.backward !== reverse ? ' DESC' : ''}`);
  const more = sql`(count(*) > ${seek.size})`;
  const given = (cursor: unknown) => raw(cursor ? 'TRUE' : 'FALSE');
  const pageInfo: Record<string, Sql> = {
    hasNextPage: seek.backward ? given(seek.before) : more,
    hasPreviousPage: seek.backward ? more : given(seek.after),
    startCursor: sql`(array_agg(${raw(`"${rows}"."__cursor"`)} ORDER BY ${edgeOrder(false)}) ${inPage})[1]`,
    endCursor: sql`(array_agg(${raw(`"${rows}"."__cursor"`)} ORDER BY ${edgeOrder(true)}) ${inPage})[1]`,
  };
  const json = pickJson(type, fields, env, (name, nodes) => {
    const child = () => childType(type, nodes[0]);
    if (name === 'totalCount') return countJson(model, args.filter, env, parent);
    if (name === 'count')
      return countModeJson(
        child(),
        argsOf(type, nodes[0], env),
        subfields(nodes, env),
        env,
        () => source(model, env.aliases.alias('c'), args.filter, env, parent),
        !!parent,
      );
    if (name === 'pageInfo') return pickJson(child(), subfields(nodes, env), env, (info) => pageInfo[info] ?? notCompilable(`PageInfo.${info}`));
    if (name !== 'edges') throw new NotCompilable(`${type.name}.${name}`);
    const edge = child();
    const edgeJson = pickJson(edge, subfields(nodes, env), env, (part, partNodes) => {
      if (part === 'cursor') return raw(`"${rows}"."__cursor"`);
      if (part === 'node') return objectJson(childType(edge, partNodes[0]), rows, subfields(partNodes, env), env);
      throw new NotCompilable(`${edge.name}.${part}`);
    });
    return sql`coalesce(json_agg(${edgeJson} ORDER BY ${edgeOrder(false)}) ${inPage}, '[]'::json)`;
  });
  // GROUP BY (): one row even when no row matches and nothing aggregated is selected (only counts).
  return sql`(SELECT ${json} FROM (${select}) ${raw(`"${rows}"`)} GROUP BY ())`;
}

function rootFieldJson(root: GraphQLObjectType, nodes: FieldNode[], env: Env): Sql {
  const name = nodes[0].name.value;
  if (name === '__typename') return typeName(root);
  unguarded(root, name, env);
  const child = childType(root, nodes[0]);
  const args = argsOf(root, nodes[0], env);
  if (ROOT_LISTS[name]) return pageJson(child, ROOT_LISTS[name], args, subfields(nodes, env), env);
  if (ROOT_CONNECTIONS[name]) return connectionJson(child, ROOT_CONNECTIONS[name], args, subfields(nodes, env), env);
  const aggregate = rootAggregateJson(name, child, args, subfields(nodes, env), env);
  if (aggregate) return aggregate;
  const model = ROOT_LOOKUPS[name];
  if (!model) throw new NotCompilable(`Query.${name}`);
  const alias = env.aliases.alias('r');
  return sql`(SELECT ${objectJson(child, alias, subfields(nodes, env), env)} FROM ${tableRef(model.table, alias)} WHERE ${raw(`"${alias}"."id"`)} = ${parseId(String(args.id))})`;
}

/** One root field of the operation: its SQL, or why graphql-js has to resolve it. */
export type RootPart = { key: string; nodes: FieldNode[] } & ({ json: Sql } | { refused: RefusalReason });

/**
 * Each root field of the operation (after fragments and @skip/@include), in response order,
 * compiled to a JSON expression where possible. Throws what the resolvers would throw for bad
 * arguments (BadUserInputError), so that such a request is answered by graphql-js alone.
 */
export function compileRootFields(root: GraphQLObjectType, operation: OperationDefinitionNode, compile: CompileEnv): RootPart[] {
  const env: Env = { ...compile, aliases: new AliasScope() };
  const parts: RootPart[] = [];
  for (const [key, nodes] of collectFields(operation.selectionSet, env)) {
    try {
      parts.push({ key, nodes, json: rootFieldJson(root, nodes, env) });
    } catch (err) {
      if (!(err instanceof NotCompilable)) throw err;
      parts.push({ key, nodes, refused: err.reason });
    }
  }
  return parts;
}

/** Separates the root fields' texts in the statement's one value: JSON text escapes every control character. */
export const PART_SEPARATOR = '\u0001';

/**
 * One SQL statement whose single value holds the JSON text of each given root field, in order,
 * separated by PART_SEPARATOR; the caller writes them into the response without parsing them.
 */
export function partsStatement(jsons: readonly Sql[]): Sql {
  // to_json: a root __typename is SQL text; a lookup that finds no row is SQL NULL.
  const texts = jsons.map((json) => sql`coalesce(to_json(${json})::text, 'null')`);
  return sql`SELECT ${join(texts, ' || chr(1) || ')} AS "data"`;
}

/**
 * One `type` object as JSON from the row `source(alias)` gives (a write's returned row): a
 * mutation's payload item, read in the write's own statement. Throws when it does not compile.
 */
export function rowJson(type: GraphQLObjectType, source: (alias: string) => Sql, fields: Collected, compile: CompileEnv): Sql {
  const env: Env = { ...compile, aliases: new AliasScope() };
  const alias = env.aliases.alias('r');
  return sql`SELECT ${objectJson(type, alias, fields, env)} FROM ${source(alias)}`;
}
