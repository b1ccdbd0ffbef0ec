// The aggregate fields, generated for each aggregated list (root `<list>Aggregate` / `<list>GroupBy`)
// and each to-many relation to one (`Author.booksAggregate`). They run the SQL of
// query/aggregate-json.ts, the same the compiled path puts in its statement.
import { getNamedType, isObjectType, type GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root, type ClassType } from 'type-graphql';
import type { Context } from '../context.js';
import { Author } from '../entities/Author.js';
import { Book } from '../entities/Book.js';
import { Store } from '../entities/Store.js';
import { subfields } from '../query/collect-fields.js';
import {
  AGGREGATE_SUFFIX,
  AGGREGATED_LISTS,
  aggregateJson,
  GROUP_BY_SUFFIX,
  groupsJson,
  pickAggregate,
  standaloneStatement,
  type GroupByArgs,
  type Picked,
} from '../query/aggregate-json.js';
import { AliasScope, type FilterInput } from '../query/filters.js';
import { lists, type Model } from '../query/model.js';
import type { Sql } from '../query/sql.js';
import { aggregateTypes } from '../types/aggregates.js';
import type { IdRoot } from './roots.js';

/** What the resolver selects under the field, keyed by field name (graphql-js reads it so). */
function picked(info: GraphQLResolveInfo): Picked[] {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) throw new Error(`${info.parentType.name}.${info.fieldName} is not an aggregate`);
  const env = { fragments: info.fragments, variables: info.variableValues };
  return pickAggregate(type, subfields(info.fieldNodes, env), env, true);
}

async function run(ctx: Context, json: Sql): Promise<unknown> {
  const [row] = await ctx.db.query<{ data: unknown }>(standaloneStatement(json));
  return row.data;
}

type Method = (...args: never[]) => Promise<unknown>;

/**
 * A class with one method named as its GraphQL field, with the method decorator and the
 * (root?, args, ctx, info) parameter decorators applied. Named as the field: type-graphql tells
 * field resolvers of one type apart by method name.
 */
function resolverMethod(cls: ClassType, field: string, method: Method, decorator: MethodDecorator, args: ClassType, root = false): void {
  Object.defineProperty(cls.prototype, field, { value: method, writable: true, configurable: true });
  const at = root ? 1 : 0;
  if (root) Root()(cls.prototype, field, 0);
  Args(() => args)(cls.prototype, field, at);
  Ctx()(cls.prototype, field, at + 1);
  Info()(cls.prototype, field, at + 2);
  decorator(cls.prototype, field, Object.getOwnPropertyDescriptor(cls.prototype, field)!);
}

function rootResolver(list: string, model: Model): ClassType {
  const types = aggregateTypes.get(model.name)!;
  const cls = { [`${model.name}Aggregates`]: class {} }[`${model.name}Aggregates`];
  const aggregate = `${list}${AGGREGATE_SUFFIX}`;
  resolverMethod(
    cls,
    aggregate,
    (args: { filter?: FilterInput }, ctx: Context, info: GraphQLResolveInfo) =>
      run(ctx, aggregateJson(model, { filter: args.filter }, picked(info), new AliasScope())),
    Query(() => types.aggregate, { description: `The ${list} matching the filter, aggregated in one statement.` }),
    types.aggregateArgs,
  );
  resolverMethod(
    cls,
    `${list}${GROUP_BY_SUFFIX}`,
    (args: GroupByArgs, ctx: Context, info: GraphQLResolveInfo) => run(ctx, groupsJson(model, args, picked(info), new AliasScope())),
    Query(() => [types.group], { description: `The ${list} matching the filter, grouped by the keys; one statement, sorted and paged.` }),
    types.groupByArgs,
  );
  Resolver()(cls);
  return cls;
}

const PARENTS: Readonly<Record<string, ClassType>> = { Author, Book, Store };

/** `<relation>Aggregate` on the parent type of a to-many relation (`Author.books` -> `Author.booksAggregate`). */
function relationResolver(name: string, target: Model): ClassType {
  const [parentName, relation] = name.split('.');
  const types = aggregateTypes.get(target.name)!;
  const cls = { [`${parentName}${relation}Aggregate`]: class {} }[`${parentName}${relation}Aggregate`];
  resolverMethod(
    cls,
    `${relation}${AGGREGATE_SUFFIX}`,
    (parent: IdRoot, args: { filter?: FilterInput }, ctx: Context, info: GraphQLResolveInfo) =>
      ctx.loaders.relationAggregate(name, args.filter, picked(info)).load(parent.id),
    FieldResolver(() => types.aggregate, {
      description: `Aggregates over this ${parentName.toLowerCase()}'s ${relation} (count 0 when there are none); batched for all parents.`,
    }),
    types.aggregateArgs,
    true,
  );
  Resolver(() => PARENTS[parentName])(cls);
  return cls;
}

export const aggregateResolvers: ClassType[] = [
  ...Object.entries(AGGREGATED_LISTS).map(([list, model]) => rootResolver(list, model)),
  ...Object.entries(lists).flatMap(([name, relation]) =>
    name.split('.')[0] in PARENTS && aggregateTypes.has(relation.target().name) ? [relationResolver(name, relation.target())] : [],
  ),
];
