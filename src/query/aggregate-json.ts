// THE SQL of aggregates and group-by, for both read paths: the compiled path (json-query.ts) puts
// these expressions in its one statement; the resolvers (AggregateResolvers.ts, the loaders) run
// them as statements of their own. Each field is one SELECT producing its JSON answer.
import { getNamedType, isObjectType, type GraphQLObjectType } from 'graphql';
import { BadUserInputError } from '../errors.js';
import { subfields, type Collected, type SelectionEnv } from './collect-fields.js';
import { aggregateShape, type AggregateShape, type GroupKey } from './aggregate-shape.js';
import { AliasScope, type FilterInput } from './filters.js';
import { jsonObject, notCompilable, rowsSource } from './json-build.js';
import { AuthorModel, BookModel, InventoryModel, StoreModel, type ManyRelation, type Model } from './model.js';
import { limitSql, pageArgs } from './pagination.js';
import { join, raw, sql, type Sql } from './sql.js';

/** The lists with root aggregate fields: `<list>Aggregate` and `<list>GroupBy`. */
export const AGGREGATED_LISTS: Readonly<Record<string, Model>> = { authors: AuthorModel, books: BookModel, stores: StoreModel, inventory: InventoryModel };
export const AGGREGATE_SUFFIX = 'Aggregate';
export const GROUP_BY_SUFFIX = 'GroupBy';
/** The functions applied to each numeric field, as fields of `<Type>Aggregate`. */
export const AGGREGATE_FNS = ['countOf', 'sum', 'avg', 'min', 'max'] as const;
export type AggregateFn = (typeof AGGREGATE_FNS)[number];
export const MAX_GROUP_KEYS = 4;

/** A selected field of an aggregate type: its JSON key, its field name, and what is selected under it. */
export interface Picked {
  key: string;
  name: string;
  typename?: string;
  children?: Picked[];
}

/**
 * The selection under an aggregate field. The compiled path keys the JSON by response key
 * (aliases, `__typename`); the resolvers' default field resolvers read it by field name.
 */
export function pickAggregate(type: GraphQLObjectType, fields: Collected, env: SelectionEnv, byField: boolean): Picked[] {
  const picked = new Map<string, Picked>();
  for (const [key, nodes] of fields) {
    const name = nodes[0].name.value;
    if (name === '__typename' && byField) continue;
    const child = name === '__typename' ? undefined : getNamedType(type.getFields()[name]?.type);
    const children = isObjectType(child) ? pickAggregate(child, subfields(nodes, env), env, byField) : undefined;
    const at = byField ? name : key;
    const seen = picked.get(at);
    if (seen?.children && children) seen.children = [...new Map([...seen.children, ...children].map((c) => [c.key, c])).values()];
    else picked.set(at, { key: at, name, typename: type.name, children });
  }
  return [...picked.values()];
}

function valueSql(fn: AggregateFn, expr: Sql): Sql {
  if (fn === 'countOf') return sql`count(${expr})::int`;
  // Float: exact for sums up to 2^53 (15 significant digits); avg is the double nearest the exact mean.
  if (fn === 'sum' || fn === 'avg') return sql`${raw(fn)}(${expr})::float8`;
  return sql`${raw(fn)}(${expr})`;
}

const typenameSql = (p: Picked) => raw(`'${p.typename}'::text`);

/**
 * One aggregate object over the rows aliased `alias`; `grouped` are the keys of a GROUP BY (its `key`
 * field). `leaf` may move each value into a column of a subquery (groupsJson).
 */
function objectSql(shape: AggregateShape, alias: string, picked: Picked[], grouped: GroupKey[] = [], leaf: (value: Sql) => Sql = (v) => v): Sql {
  const pairs = picked.map((p): [string, Sql] => {
    if (p.name === '__typename') return [p.key, typenameSql(p)];
    if (p.name === 'count') return [p.key, leaf(raw('count(*)::int'))];
    const children = p.children ?? [];
    const part = (value: (name: string) => Sql | undefined) =>
      jsonObject(children.map((c) => [c.key, c.name === '__typename' ? typenameSql(c) : (value(c.name) ?? notCompilable(`aggregate field ${c.name}`))]));
    if (p.name === 'key')
      return [
        p.key,
        part((name) => {
          const found = grouped.find((k) => k.name === name);
          return found ? leaf(found.json(found.expr(alias))) : raw('NULL');
        }),
      ];
    const fn = AGGREGATE_FNS.find((f) => f === p.name) ?? notCompilable(`aggregate field ${p.name}`);
    return [
      p.key,
      part((name) => {
        const number = shape.numbers.find((n) => n.name === name);
        return number && leaf(valueSql(fn, number.expr(alias)));
      }),
    ];
  });
  return jsonObject(pairs);
}

/** The rows aggregated: those of the table matching `filter`, or of one parent's relation (`parent` is its id). */
export interface AggregateSource {
  filter?: FilterInput | null;
  parent?: { relation: ManyRelation; id: Sql };
}

function fromWhere(model: Model, alias: string, source: AggregateSource, aliases: AliasScope): Sql {
  return rowsSource(model, alias, source.filter, aliases, source.parent);
}

/**
 * `<list>Aggregate`: ONE row, count 0 when nothing matches. GROUP BY (): one group even when the
 * selection calls no aggregate function (`{ sum { x @skip(if: true) } }`), which would otherwise give a row per row.
 */
export function aggregateJson(model: Model, source: AggregateSource, picked: Picked[], aliases: AliasScope): Sql {
  const alias = aliases.alias('g');
  return sql`(SELECT ${objectSql(aggregateShape(model), alias, picked)} FROM ${fromWhere(model, alias, source, aliases)} GROUP BY ())`;
}

/** The arguments of `<list>GroupBy`. */
export interface GroupByArgs {
  groupBy: string[];
  filter?: FilterInput | null;
  orderBy?: object[] | null;
  offset?: number | null;
  limit?: number | null;
}

function groupKeys(shape: AggregateShape, groupBy: string[]): GroupKey[] {
  if (!groupBy.length) throw new BadUserInputError([{ path: 'groupBy', message: 'must name at least one key' }]);
  if (groupBy.length > MAX_GROUP_KEYS) throw new BadUserInputError([{ path: 'groupBy', message: `may name at most ${MAX_GROUP_KEYS} keys` }]);
  return groupBy.map((value, i) => {
    const found = shape.keys.find((k) => k.enumValue === value);
    if (!found) throw new BadUserInputError([{ path: `groupBy.${i}`, message: 'is not a group key' }]);
    if (groupBy.indexOf(value) !== i) throw new BadUserInputError([{ path: `groupBy.${i}`, message: 'is already grouped by' }]);
    return found;
  });
}

/** The one field set in an input object (`{ price: DESC }`), or BAD_USER_INPUT at `path`. */
function single(element: unknown, path: string): [string, unknown] {
  const set = Object.entries((element ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
  if (set.length !== 1) throw new BadUserInputError([{ path, message: `must set exactly one field (found ${set.length})` }]);
  return set[0];
}

/** One term of the groups' ORDER BY. */
interface GroupSort {
  expr: Sql;
  desc: boolean;
}

/** ORDER BY of the groups: the elements given, then every key ascending, so that ties come back in one order. */
function groupOrder(shape: AggregateShape, alias: string, keys: GroupKey[], orderBy: object[]): GroupSort[] {
  const terms = orderBy.map((element, i): GroupSort => {
    const [what, value] = single(element, `orderBy.${i}`);
    if (what === 'count') return { expr: raw('count(*)'), desc: value === 'DESC' };
    const [name, dir] = single(value, `orderBy.${i}.${what}`);
    const at = `orderBy.${i}.${what}.${name}`;
    if (what === 'key') {
      const found = keys.find((k) => k.name === name);
      if (!found) throw new BadUserInputError([{ path: at, message: 'is not among the groupBy keys' }]);
      return { expr: found.expr(alias), desc: dir === 'DESC' };
    }
    const fn = AGGREGATE_FNS.find((f) => f === what);
    const number = shape.numbers.find((n) => n.name === name);
    if (!fn || !number) throw new BadUserInputError([{ path: at, message: 'is not a sortable aggregate' }]);
    return { expr: valueSql(fn, number.expr(alias)), desc: dir === 'DESC' };
  });
  return [...terms, ...keys.map((k) => ({ expr: k.expr(alias), desc: false }))];
}

const orderSql = (terms: GroupSort[], expr: (term: GroupSort, i: number) => Sql) =>
  join(
    terms.map((t, i) => sql`${expr(t, i)}${raw(t.desc ? ' DESC' : ' ASC')}`),
    ', ',
  );

/**
 * `<list>GroupBy`: one object per group, as a JSON array. The grouped subquery computes each value
 * and sort term as a column, sorts (top-N) and pages; the JSON is built only for the groups of the
 * page (10,000 groups and a page of 20: 20 objects built, not 10,000), in the order of those columns.
 */
export function groupsJson(model: Model, args: GroupByArgs, picked: Picked[], aliases: AliasScope): Sql {
  const shape = aggregateShape(model);
  const page = pageArgs(args.offset, args.limit);
  const keys = groupKeys(shape, args.groupBy ?? []);
  const alias = aliases.alias('g');
  const order = groupOrder(shape, alias, keys, args.orderBy ?? []);
  const groups = `${alias}_p`;
  const columns: Sql[] = order.map((t, i) => sql`${t.expr} AS ${raw(`"o${i}"`)}`);
  const json = objectSql(shape, alias, picked, keys, (value) => {
    columns.push(sql`${value} AS ${raw(`"c${columns.length}"`)}`);
    return raw(`"${groups}"."c${columns.length - 1}"`);
  });
  const select = sql`SELECT ${join(columns, ', ')} FROM ${fromWhere(model, alias, { filter: args.filter }, aliases)}
 GROUP BY ${join(
   keys.map((k) => k.expr(alias)),
   ', ',
 )} ORDER BY ${orderSql(order, (t) => t.expr)} ${limitSql(page.limit, page.offset)}`;
  const outerOrder = orderSql(order, (_, i) => raw(`"${groups}"."o${i}"`));
  return sql`coalesce((SELECT json_agg(${json} ORDER BY ${outerOrder}) FROM (${select}) ${raw(`"${groups}"`)}), '[]'::json)`;
}

/** For the resolvers: one statement answering `<list>Aggregate` or `<list>GroupBy` alone. */
export function standaloneStatement(json: Sql): Sql {
  return sql`SELECT ${json} AS "data"`;
}

/** For the loaders: the aggregate of each parent's related rows, for all parents in ONE statement. */
export function perParentAggregateStatement(
  relation: ManyRelation,
  parentIds: readonly number[],
  filter: FilterInput | null | undefined,
  picked: Picked[],
): Sql {
  const json = aggregateJson(relation.target(), { filter, parent: { relation, id: raw('"p"."parent"') } }, picked, new AliasScope());
  return sql`SELECT "p"."parent" AS "parent", ${json} AS "value" FROM unnest(${parentIds}::int[]) AS "p"("parent")`;
}
