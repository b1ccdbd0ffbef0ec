// Generates the `*Filter` and `*OrderBy` GraphQL inputs from the derived models: every shown column
// gets the filter of its GraphQL type and a sort key unless it opts out (@OptOut on the entity).
import { Field, InputType, type ClassType } from 'type-graphql';
import type { Model } from '../model-types.js';
import { DateTimeFilter, FloatFilter, IDFilter, IntFilter, SortOrder, StringFilter } from '../../types/scalar-filters.js';

const FILTER_BY_TYPE: Readonly<Record<string, ClassType>> = { ID: IDFilter, String: StringFilter, Int: IntFilter, Float: FloatFilter, Date: DateTimeFilter };

type Inputs = Record<string, ClassType>;

export interface FilterOptions {
  description?: string;
  /** Whether the input has `and` / `or` / `not` (default true). */
  combinators?: boolean;
}

/** A named, empty input class; its fields are added afterwards, so inputs may refer to each other. */
function inputClass(name: string, description: string | undefined): ClassType {
  const cls = { [name]: class {} }[name];
  InputType(name, description === undefined ? {} : { description })(cls);
  return cls;
}

function field(cls: ClassType, name: string, type: () => unknown): void {
  Field(type as () => ClassType, { nullable: true })(cls.prototype, name);
}

/**
 * `<Type>Filter` for each model given, and `<Type>ListFilter` (some / none / every) for each
 * to-many target they filter on. Relations to a type without a generated filter are left out.
 */
export function filterInputs(models: [Model, FilterOptions][]): Inputs {
  const inputs: Inputs = {};
  for (const [model, options] of models) inputs[`${model.name}Filter`] = inputClass(`${model.name}Filter`, options.description);
  for (const [model, options] of models) {
    const cls = inputs[`${model.name}Filter`];
    for (const [name, column] of Object.entries(model.columns)) {
      const filter = column.graphqlType && FILTER_BY_TYPE[column.graphqlType];
      if (filter && column.filterable !== false) field(cls, name, () => filter);
    }
    for (const [name, relation] of Object.entries(model.relations)) {
      const target = relation.target().name;
      if (relation.filterable === false || !inputs[`${target}Filter`]) continue;
      if (relation.kind === 'many') inputs[`${target}ListFilter`] ??= listFilter(target, inputs[`${target}Filter`]);
      const input = inputs[relation.kind === 'many' ? `${target}ListFilter` : `${target}Filter`];
      field(cls, name, () => input);
    }
    if (options.combinators === false) continue;
    field(cls, 'and', () => [cls]);
    field(cls, 'or', () => [cls]);
    field(cls, 'not', () => cls);
  }
  return inputs;
}

function listFilter(target: string, filter: ClassType): ClassType {
  const noun = target.toLowerCase();
  const cls = inputClass(
    `${target}ListFilter`,
    `some: at least one related ${noun} matches; none: no related ${noun} matches; every: all related ${noun}s match (true when there are none).`,
  );
  for (const quantifier of ['some', 'none', 'every']) field(cls, quantifier, () => filter);
  return cls;
}

/** `<Type>OrderBy` for each model: sortable columns, then sortable aggregates, then to-one relations. */
export function orderByInputs(models: Model[]): Inputs {
  const inputs: Inputs = {};
  const description = 'Set exactly one field per element.';
  for (const model of models) inputs[`${model.name}OrderBy`] = inputClass(`${model.name}OrderBy`, description);
  for (const model of models) {
    const cls = inputs[`${model.name}OrderBy`];
    for (const [name, column] of Object.entries(model.columns))
      if (column.graphqlType && column.sortable !== false && column.kind !== 'json') field(cls, name, () => SortOrder);
    for (const name of model.sortableAggregates) field(cls, name, () => SortOrder);
    for (const [name, relation] of Object.entries(model.relations)) {
      const input = inputs[`${relation.target().name}OrderBy`];
      if (relation.kind === 'one' && relation.sortable !== false && input) field(cls, name, () => input);
    }
  }
  return inputs;
}
