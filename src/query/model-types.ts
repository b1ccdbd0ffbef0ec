// The shapes of the query engine's model (derived in registry/derive.ts, used through model.ts).
import type { Sql } from './sql.js';

export type ColumnKind = 'id' | 'string' | 'int' | 'float' | 'datetime' | 'json';

/** What a field opts out of; absent means in (see registry/decorators.ts). */
export interface Exposure {
  filterable?: boolean;
  sortable?: boolean;
}

export interface Column extends Exposure {
  column: string;
  kind: ColumnKind;
  /** The GraphQL type name when GraphQL shows the field (`String`, `ID`, `Date`, ...); absent for foreign keys. */
  graphqlType?: string;
  /** Whether mutations record it in the audit log (not the server-set id, version and timestamps). */
  audited?: boolean;
  /** Whether the column may hold NULL (a keyset seek must then step over NULLs, see cursor.ts). */
  nullable?: boolean;
}

/** A to-many relation: rows of `from(to)` whose `parentKey(to)` equals the parent's id. */
export interface ManyRelation extends Exposure {
  kind: 'many';
  target: () => Model;
  from: (to: string) => Sql;
  parentKey: (to: string) => Sql;
  /** The target field that breaks sort ties (default `id`). */
  tiebreak?: string;
}

/** A to-one relation: `link(from, to)` is the condition that joins the target row. */
export interface OneRelation extends Exposure {
  kind: 'one';
  target: () => Model;
  link: (from: string, to: string) => Sql;
}

/** What the query engine knows of a GraphQL type: its table, columns, relations and aggregates. */
export interface Model {
  name: string;
  table: string;
  columns: Record<string, Column>;
  /** Columns every row carries, whatever was asked: relation fields resolve through them. */
  keys: string[];
  relations: Record<string, ManyRelation | OneRelation>;
  /** Each aggregate as a correlated subquery on the parent row aliased `alias`. */
  aggregates: Record<string, (alias: string) => Sql>;
  /** Each aggregate for many parents at once: rows `{ parent, value }`, one per id. */
  aggregateStatements: Record<string, (parentIds: readonly number[]) => Sql>;
  /** The aggregates the `*OrderBy` input offers. */
  sortableAggregates: string[];
  /** For a row keyed by several columns (an inventory link): the key fields, in primary-key order, whose values make its `id`. */
  compositeId?: string[];
}
