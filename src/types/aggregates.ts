// The aggregate and group-by GraphQL types of each aggregated list, GENERATED from the derived
// shape (query/aggregate-shape.ts): a numeric column added to an entity appears in sum/avg/min/max.
import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { aggregateShape, type AggregateShape } from '../query/aggregate-shape.js';
import { AGGREGATE_FNS, AGGREGATED_LISTS, MAX_GROUP_KEYS } from '../query/aggregate-json.js';
import { filterInputs } from '../query/registry/inputs.js';
import { InventoryModel, type Model } from '../query/model.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../query/pagination.js';
import { AuthorFilter, BookFilter, StoreFilter } from './entity-filters.js';
import { SortOrder } from './scalar-filters.js';

/** Inventory rows had no filter (their lists take none); aggregates over them take this one. */
export const { InventoryFilter } = filterInputs([[InventoryModel, { description: 'Every given field must hold (AND).' }]]);

const FILTERS: Readonly<Record<string, ClassType>> = { Author: AuthorFilter, Book: BookFilter, Store: StoreFilter, Inventory: InventoryFilter };
const SCALARS = { ID, String, Int, Float, Date } as const;

const FN_DOC: Record<(typeof AGGREGATE_FNS)[number], string> = {
  countOf: 'count(field): the rows where the field is not NULL.',
  sum: 'sum(field), NULLs skipped; null when no row has a value. Float: exact up to 15 significant digits.',
  avg: 'avg(field), NULLs skipped; null when no row has a value.',
  min: 'min(field); null when no row has a value.',
  max: 'max(field); null when no row has a value.',
};

function named(name: string): ClassType {
  return { [name]: class {} }[name];
}

function objectType(name: string, description: string, fields: [string, () => unknown, boolean?][]): ClassType {
  const cls = named(name);
  for (const [field, type, nullable] of fields) Field(type as () => ClassType, { nullable: nullable ?? false })(cls.prototype, field);
  ObjectType(name, { simpleResolvers: true, description })(cls);
  return cls;
}

function inputType(name: string, description: string, fields: [string, () => unknown][]): ClassType {
  const cls = named(name);
  for (const [field, type] of fields) Field(type as () => ClassType, { nullable: true })(cls.prototype, field);
  InputType(name, { description })(cls);
  return cls;
}

export interface AggregateTypes {
  aggregate: ClassType;
  group: ClassType;
  filter: ClassType;
  /** `(filter)` */
  aggregateArgs: ClassType;
  /** `(groupBy, filter, orderBy, offset, limit)` */
  groupByArgs: ClassType;
}

function typesOf(model: Model, shape: AggregateShape): AggregateTypes {
  const n = model.name;
  const numberFields = (fn: string) =>
    shape.numbers.map((f): [string, () => unknown, boolean] => [
      f.name,
      () => (fn === 'countOf' ? Int : fn === 'min' || fn === 'max' ? SCALARS[f.type] : Float),
      fn !== 'countOf',
    ]);
  const perFn = AGGREGATE_FNS.map((fn): [string, () => unknown] => {
    const type = objectType(`${n}${fn[0].toUpperCase()}${fn.slice(1)}Aggregates`, FN_DOC[fn], numberFields(fn));
    return [fn, () => type];
  });
  const common: [string, () => unknown][] = [['count', () => Int], ...perFn];
  const key = objectType(
    `${n}GroupKey`,
    'The value of each groupBy key of the group (null for a key not grouped by, or a NULL value).',
    shape.keys.map((k) => [k.name, () => SCALARS[k.type], true]),
  );
  const groupBy = Object.fromEntries(shape.keys.map((k) => [k.enumValue, k.enumValue]));
  registerEnumType(groupBy, {
    name: `${n}GroupBy`,
    description: 'A column, a to-one relation (its id), or a timestamp truncated to its UTC year, month or day.',
  });
  const keyOrder = inputType(
    `${n}GroupKeyOrder`,
    'Set exactly one field: a key among the groupBy keys.',
    shape.keys.map((k) => [k.name, () => SortOrder]),
  );
  const numberOrder = inputType(
    `${n}AggregateOrder`,
    'Set exactly one field.',
    shape.numbers.map((f) => [f.name, () => SortOrder]),
  );
  const order = inputType(`${n}GroupOrderBy`, 'Set exactly one field per element; ties are broken by the groupBy keys, ascending.', [
    ['count', () => SortOrder],
    ['key', () => keyOrder],
    ...AGGREGATE_FNS.map((fn): [string, () => unknown] => [fn, () => numberOrder]),
  ]);
  const filter = FILTERS[n];
  const aggregateArgs = named(`${n}AggregateArgs`);
  Field(() => filter, { nullable: true })(aggregateArgs.prototype, 'filter');
  ArgsType()(aggregateArgs);
  const groupByArgs = named(`${n}GroupByArgs`);
  Field(() => [groupBy], { description: `1 to ${MAX_GROUP_KEYS} keys.` })(groupByArgs.prototype, 'groupBy');
  Field(() => filter, { nullable: true })(groupByArgs.prototype, 'filter');
  Field(() => [order], { nullable: true, description: 'Applied in order; then by the groupBy keys ascending.' })(groupByArgs.prototype, 'orderBy');
  Field(() => Int, { nullable: true, defaultValue: 0, description: '0 or more.' })(groupByArgs.prototype, 'offset');
  Field(() => Int, { nullable: true, defaultValue: DEFAULT_LIMIT, description: `0 to ${MAX_LIMIT}.` })(groupByArgs.prototype, 'limit');
  ArgsType()(groupByArgs);
  return {
    aggregate: objectType(`${n}Aggregate`, `Aggregates over ${n.toLowerCase()} rows: count(*) and each function over each numeric field.`, common),
    group: objectType(`${n}Group`, 'One group: its key and its aggregates.', [['key', () => key], ...common]),
    filter,
    aggregateArgs,
    groupByArgs,
  };
}

/** The aggregate types of each aggregated model, by model name. */
export const aggregateTypes: ReadonlyMap<string, AggregateTypes> = new Map(
  Object.values(AGGREGATED_LISTS).map((model) => [model.name, typesOf(model, aggregateShape(model))]),
);
