// Decorators the entities use to say what the query engine cannot read from MikroORM or type-graphql:
// which fields stay out of the generated filter / order-by inputs, and the aggregates of a type.
// No imports: entities load this file, and everything else loads the entities.

/** What a field may opt out of: the generated `*Filter` input, or the generated `*OrderBy` input. */
export type OptOutOf = 'filter' | 'sort';

/** Declares one aggregate of a type: a count, or a sum of a column, over the rows of one to-many relation. */
export interface AggregateDeclaration {
  /** The GraphQL field (resolved by a field resolver) and the `*OrderBy` key. */
  name: string;
  fn: 'count' | 'sum';
  /** A to-many relation of the same entity. */
  relation: string;
  /** For `sum`: the target's field summed. */
  column?: string;
  /** Whether the `*OrderBy` input gets a key for it (default true). */
  sort?: boolean;
}

/** An entity class as the registry uses it: its identity (a map key) and its name. */
export type EntityClass = { readonly name: string };

const optOuts = new Map<EntityClass, Map<string, Set<OptOutOf>>>();
const aggregates = new Map<EntityClass, AggregateDeclaration[]>();

/** Keeps the property out of the generated filter and/or order-by input: `@OptOut('filter', 'sort')`. */
export function OptOut(...what: OptOutOf[]): PropertyDecorator {
  return (prototype, property) => {
    const byField = optOuts.get(prototype.constructor) ?? new Map<string, Set<OptOutOf>>();
    optOuts.set(prototype.constructor, byField);
    byField.set(String(property), new Set(what));
  };
}

/** `@Aggregate({ name: 'bookCount', fn: 'count', relation: 'books' })` on the entity class. */
export function Aggregate(declaration: AggregateDeclaration): ClassDecorator {
  return (target) => {
    aggregates.set(target, [...(aggregates.get(target) ?? []), declaration]);
  };
}

export function optedOut(entity: EntityClass, field: string, what: OptOutOf): boolean {
  return optOuts.get(entity)?.get(field)?.has(what) ?? false;
}

export function declaredAggregates(entity: EntityClass): AggregateDeclaration[] {
  // Class decorators run bottom-up: reverse to get the order they are written in.
  return [...(aggregates.get(entity) ?? [])].reverse();
}
