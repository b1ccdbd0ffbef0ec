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

/** Applies a method decorator and the (args, ctx, info) parameter decorators to `method` of `cls`. */
function decorate(cls: ClassType, method: string, decorator: MethodDecorator, args: ClassType, root = false): void {
  const at = root ? 1 : 0;
  if (root) Root()(cls.prototype, method, 0);
  Args(() => args)(cls.prototype, method, at);
  Ctx()(cls.prototype, method, at + 1);
  Info()(cls.prototype, method, at + 2);
  decorator(cls.prototype, method, Object.getOwnPropertyDescriptor(cls.prototype, method)!);
}

function rootResolver(list: string, model: Model): ClassType {
  const types = aggregateTypes.get(model.name)!;
  class RootAggregates {
    aggregate(args: { filter?: FilterInput }, ctx: Context, info: GraphQLResolveInfo): Promise<unknown> {
      return run(ctx, aggregateJson(model, { filter: args.filter }, picked(info), new AliasScope()));
    }

    groupBy(args: GroupByArgs, ctx: Context, info: GraphQLResolveInfo): Promise<unknown> {
      return run(ctx, groupsJson(model, args, picked(info), new AliasScope()));
    }
  }
  const description = `The ${list} matching the filter, aggregated in one statement.`;
  decorate(
    RootAggregates,
    'aggregate',
    Query(() => types.aggregate, { name: `${list}${AGGREGATE_SUFFIX}`, description }),
    types.aggregateArgs,
  );
  const grouped = `The ${list} matching the filter, grouped by the keys; one statement, sorted and paged.`;
  decorate(
    RootAggregates,
    'groupBy',
    Query(() => [types.group], { name: `${list}${GROUP_BY_SUFFIX}`, description: grouped }),
    types.groupByArgs,
  );
  Resolver()(RootAggregates);
  return RootAggregates;
}

const PARENTS: Readonly<Record<string, ClassType>> = { Author, Book, Store };

/** `<relation>Aggregate` on the parent type of a to-many relation (`Author.books` -> `Author.booksAggregate`). */
function relationResolver(name: string, target: Model): ClassType {
  const [parentName, relation] = name.split('.');
  const types = aggregateTypes.get(target.name)!;
  class RelationAggregate {
    aggregate(parent: IdRoot, args: { filter?: FilterInput }, ctx: Context, info: GraphQLResolveInfo): Promise<unknown> {
      return ctx.loaders.relationAggregate(name, args.filter, picked(info)).load(parent.id);
    }
  }
  const description = `Aggregates over this ${parentName.toLowerCase()}'s ${relation} (count 0 when there are none); batched for all parents.`;
  decorate(
    RelationAggregate,
    'aggregate',
    FieldResolver(() => types.aggregate, { name: `${relation}${AGGREGATE_SUFFIX}`, description }),
    types.aggregateArgs,
    true,
  );
  Resolver(() => PARENTS[parentName])(RelationAggregate);
  return RelationAggregate;
}

export const aggregateResolvers: ClassType[] = [
  ...Object.entries(AGGREGATED_LISTS).map(([list, model]) => rootResolver(list, model)),
  ...Object.entries(lists).flatMap(([name, relation]) =>
    name.split('.')[0] in PARENTS && aggregateTypes.has(relation.target().name) ? [relationResolver(name, relation.target())] : [],
  ),
];
