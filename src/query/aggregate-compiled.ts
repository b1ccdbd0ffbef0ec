// The compiled read path's aggregate fields (called from json-query.ts): the expressions of
// aggregate-json.ts, keyed by response key, inside the request's one statement.
import { getNamedType, isObjectType, type FieldNode, type GraphQLObjectType } from 'graphql';
import { subfields, type Collected, type SelectionEnv } from './collect-fields.js';
import { fieldArguments } from './field-args.js';
import { AGGREGATE_SUFFIX, AGGREGATED_LISTS, aggregateJson, GROUP_BY_SUFFIX, groupsJson, pickAggregate, type GroupByArgs } from './aggregate-json.js';
import type { AliasScope, FilterInput } from './filters.js';
import { NotCompilable } from './json-build.js';
import type { Model } from './model.js';
import { raw, type Sql } from './sql.js';

interface Env extends SelectionEnv {
  aliases: AliasScope;
}

/** `<list>Aggregate` / `<list>GroupBy` at the root, or undefined for any other field. */
export function rootAggregateJson(name: string, type: GraphQLObjectType, args: Record<string, unknown>, fields: Collected, env: Env): Sql | undefined {
  for (const [list, model] of Object.entries(AGGREGATED_LISTS)) {
    if (name === `${list}${AGGREGATE_SUFFIX}`)
      return aggregateJson(model, { filter: args.filter as FilterInput }, pickAggregate(type, fields, env, false), env.aliases);
    if (name === `${list}${GROUP_BY_SUFFIX}`) return groupsJson(model, args as unknown as GroupByArgs, pickAggregate(type, fields, env, false), env.aliases);
  }
  return undefined;
}

/** `<relation>Aggregate` of the parent row aliased `alias`: a correlated subquery, as nested pages are. */
export function relationAggregateJson(parent: GraphQLObjectType, model: Model, alias: string, nodes: FieldNode[], env: Env): Sql | undefined {
  const name = nodes[0].name.value;
  const relation = name.endsWith(AGGREGATE_SUFFIX) ? model.relations[name.slice(0, -AGGREGATE_SUFFIX.length)] : undefined;
  if (relation?.kind !== 'many') return undefined;
  const field = parent.getFields()[name];
  const type = getNamedType(field?.type);
  if (!isObjectType(type)) throw new NotCompilable(`${parent.name}.${name}`);
  const args = fieldArguments(field, nodes[0], env.variables);
  const source = { filter: args.filter as FilterInput, parent: { relation, id: raw(`"${alias}"."id"`) } };
  return aggregateJson(relation.target(), source, pickAggregate(type, subfields(nodes, env), env, false), env.aliases);
}
