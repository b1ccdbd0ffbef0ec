// What can be aggregated and grouped on a model, DERIVED from it (never listed by hand): the
// GraphQL aggregate types (types/aggregates.ts) and the SQL (aggregate-json.ts) both read this.
import { foreignKeyField } from './registry/derive.js';
import { isoJson } from './json-build.js';
import { columnRef, type Model } from './model.js';
import { raw, sql, type Sql } from './sql.js';

/** A value sum/avg/min/max/countOf apply to: a numeric column, or a declared aggregate (`bookCount`). */
export interface NumericField {
  name: string;
  /** The GraphQL type of min/max (sum and avg are Float). */
  type: 'Int' | 'Float';
  expr: (alias: string) => Sql;
}

/** A key rows can be grouped by: a column, a to-one relation (its foreign key), or a truncated timestamp. */
export interface GroupKey {
  /** The field of `<Type>GroupKey` (`authorId`, `createdAtMonth`). */
  name: string;
  /** The value of the `<Type>GroupBy` enum (`AUTHOR_ID`, `CREATED_AT_MONTH`). */
  enumValue: string;
  type: 'ID' | 'String' | 'Int' | 'Float' | 'Date';
  /** Parameter-free SQL, so that the SELECT list matches the GROUP BY. */
  expr: (alias: string) => Sql;
  /** The key as the JSON answer shows it. */
  json: (expr: Sql) => Sql;
}

export interface AggregateShape {
  model: Model;
  numbers: NumericField[];
  keys: GroupKey[];
}

export const TRUNCATIONS = ['year', 'month', 'day'] as const;

const upperSnake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
const capitalized = (name: string) => name[0].toUpperCase() + name.slice(1);
const plain = (expr: Sql) => expr;

function key(name: string, type: GroupKey['type'], expr: GroupKey['expr'], json: GroupKey['json'] = plain): GroupKey {
  return { name, enumValue: upperSnake(name), type, expr, json };
}

/**
 * Numbers: every int/float column GraphQL shows and sorts by (an opt-out of sorting, like
 * `version`, is an opt-out of comparing, hence of aggregating), then every declared aggregate.
 * Keys: every to-one relation, then every shown, sortable, non-id column; a timestamp groups by
 * its UTC year, month or day.
 */
function derive(model: Model): AggregateShape {
  const numbers: NumericField[] = [];
  const keys: GroupKey[] = [];
  for (const [name, relation] of Object.entries(model.relations)) {
    const column = model.columns[foreignKeyField(name)];
    if (relation.kind === 'one' && relation.sortable !== false && column)
      keys.push(
        key(
          foreignKeyField(name),
          'ID',
          (a) => columnRef(a, column),
          (e) => sql`${e}::text`,
        ),
      );
  }
  for (const [name, column] of Object.entries(model.columns)) {
    if (!column.graphqlType || column.sortable === false || column.kind === 'id' || column.kind === 'json') continue;
    if (column.kind === 'int' || column.kind === 'float')
      numbers.push({ name, type: column.kind === 'int' ? 'Int' : 'Float', expr: (a) => columnRef(a, column) });
    if (column.kind !== 'datetime') keys.push(key(name, column.graphqlType as GroupKey['type'], (a) => columnRef(a, column)));
    else
      for (const unit of TRUNCATIONS)
        keys.push(key(`${name}${capitalized(unit)}`, 'Date', (a) => sql`date_trunc(${raw(`'${unit}'`)}, ${columnRef(a, column)} AT TIME ZONE 'UTC')`, isoJson));
  }
  for (const [name, expr] of Object.entries(model.aggregates)) numbers.push({ name, type: 'Int', expr });
  return { model, numbers, keys };
}

const shapes = new Map<Model, AggregateShape>();

export function aggregateShape(model: Model): AggregateShape {
  let shape = shapes.get(model);
  if (!shape) shapes.set(model, (shape = derive(model)));
  return shape;
}
