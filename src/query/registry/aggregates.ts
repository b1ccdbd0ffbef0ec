// Each declared aggregate (@Aggregate on the entity) becomes ONE SQL expression of a parent id;
// the correlated form (compiled queries, orderBy) and the batched form (loaders) both use it.
import { raw, sql, type Sql } from '../sql.js';
import type { Model } from '../model-types.js';
import { declaredAggregates, type AggregateDeclaration, type EntityClass } from './decorators.js';

/** `(SELECT coalesce(count(*) | sum(col), 0)::int FROM <relation> WHERE <parent key> = parent)`: 0 when there are no rows. */
function aggregateOf(model: Model, declaration: AggregateDeclaration): (parent: Sql) => Sql {
  const relation = model.relations[declaration.relation];
  if (relation?.kind !== 'many') throw new Error(`@Aggregate ${model.name}.${declaration.name}: ${declaration.relation} is not a to-many relation`);
  const alias = `ag_${declaration.name}`;
  return (parent) => {
    const target = relation.target();
    const column = declaration.column && target.columns[declaration.column];
    if (declaration.fn === 'sum' && !column)
      throw new Error(`@Aggregate ${model.name}.${declaration.name}: ${target.name} has no column ${declaration.column}`);
    const value = column ? raw(`sum("${alias}"."${column.column}")`) : raw('count(*)');
    return sql`(SELECT coalesce(${value}, 0)::int FROM ${relation.from(alias)} WHERE ${relation.parentKey(alias)} = ${parent})`;
  };
}

/** Attaches the aggregates declared on `entity` to its model. */
export function attachAggregates(entity: EntityClass, model: Model): void {
  for (const declaration of declaredAggregates(entity)) {
    const valueFor = aggregateOf(model, declaration);
    model.aggregates[declaration.name] = (alias) => valueFor(raw(`"${alias}"."id"`));
    model.aggregateStatements[declaration.name] = (ids) =>
      sql`SELECT "p"."parent" AS "parent", ${valueFor(raw('"p"."parent"'))} AS "value" FROM unnest(${ids}::int[]) AS "p"("parent")`;
    if (declaration.sort !== false) model.sortableAggregates.push(declaration.name);
  }
}
