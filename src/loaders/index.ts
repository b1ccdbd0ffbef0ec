import DataLoader from 'dataloader';
import type { Database } from '../db/database.js';
import { JOINED, listRelation, type ListName, type Model } from '../query/model.js';
import { byIdsStatement, perParentCountStatement, perParentListStatement, type ListQuery } from '../query/list-query.js';
import type { FilterInput } from '../query/filters.js';
import { withSpan } from '../observability/tracing.js';
import { perParentAggregateStatement, type Picked } from '../query/aggregate-json.js';

type Row = Record<string, unknown>;

function groupByParent<T extends { parent?: unknown; __parent?: unknown }>(rows: T[], key: '__parent' | 'parent'): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const parent = Number(row[key]);
    const list = map.get(parent);
    if (list) list.push(row);
    else map.set(parent, [row]);
  }
  return map;
}

/**
 * The per-request DataLoaders. Every relation and count goes through one of them, so each
 * level of a query runs one statement for all parents; lists asking with different
 * arguments get one loader per distinct argument set.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<number, unknown>>();

  constructor(private readonly db: Database) {}

  private get<V>(key: string, batch: (ids: readonly number[]) => Promise<V[]>): DataLoader<number, V> {
    let loader = this.loaders.get(key) as DataLoader<number, V> | undefined;
    if (!loader) {
      loader = new DataLoader<number, V>((ids) =>
        withSpan('graphql.batch', { 'graphql.batch.loader': key.slice(0, 200), 'graphql.batch.size': ids.length }, () => batch(ids)),
      );
      this.loaders.set(key, loader as DataLoader<number, unknown>);
    }
    return loader;
  }

  /**
   * Moves the joined columns of `include`d to-one relations out of each row and primes the
   * related type's byId loader with them (they are whole rows, so any later reader is served).
   */
  primeJoined(model: Model, rows: Row[], include: readonly string[] | undefined): void {
    for (const field of include ?? []) {
      const relation = model.relations[field];
      if (relation?.kind !== 'one') continue;
      const target = relation.target();
      const prefix = `${field}${JOINED}`;
      const loader = this.byId(target);
      for (const row of rows) {
        const related: Row = {};
        for (const name of Object.keys(target.columns)) {
          related[name] = row[prefix + name];
          delete row[prefix + name];
        }
        if (related.id !== null && related.id !== undefined) loader.prime(Number(related.id), related);
      }
    }
  }

  byId<T = Row>(model: Model, include?: string[]): DataLoader<number, T | null> {
    return this.get(`byId:${model.name}:${include ?? ''}`, async (ids) => {
      const rows = await this.db.query<Row>(byIdsStatement(model, ids, include));
      this.primeJoined(model, rows, include);
      const map = new Map(rows.map((r) => [Number(r.id), r]));
      return ids.map((id) => (map.get(id) as T | undefined) ?? null);
    });
  }

  list<T = Row>(name: ListName, args: ListQuery): DataLoader<number, T[]> {
    const relation = listRelation(name);
    return this.get(`list:${name}:${JSON.stringify(args)}`, async (ids) => {
      const rows = await this.db.query<Row>(perParentListStatement(relation, ids, args));
      this.primeJoined(relation.target(), rows, args.include);
      const grouped = groupByParent(rows, '__parent');
      return ids.map((id) => (grouped.get(id) ?? []) as T[]);
    });
  }

  count(name: ListName, filter?: FilterInput | null): DataLoader<number, number> {
    const relation = listRelation(name);
    return this.get(`count:${name}:${JSON.stringify(filter ?? null)}`, async (ids) => {
      const rows = await this.db.query<{ parent: number; count: number }>(perParentCountStatement(relation, ids, filter));
      const map = new Map(rows.map((r) => [Number(r.parent), r.count]));
      return ids.map((id) => map.get(id) ?? 0);
    });
  }

  /** An aggregate declared with @Aggregate (`bookCount`, `totalStock`), for all parents in one statement. */
  aggregate(model: Model, field: string): DataLoader<number, number> {
    const statement = model.aggregateStatements[field];
    if (!statement) throw new Error(`${model.name}.${field} is not an aggregate`);
    return this.get(`aggregate:${model.name}.${field}`, async (ids) => {
      const rows = await this.db.query<{ parent: number; value: number }>(statement(ids));
      const map = new Map(rows.map((r) => [Number(r.parent), r.value]));
      return ids.map((id) => map.get(id)!);
    });
  }

  /** `<relation>Aggregate` (aggregate-json.ts) of each parent, for all parents in one statement. */
  relationAggregate(name: ListName, filter: FilterInput | null | undefined, picked: Picked[]): DataLoader<number, unknown> {
    const relation = listRelation(name);
    return this.get(`relationAggregate:${name}:${JSON.stringify([filter ?? null, picked])}`, async (ids) => {
      const rows = await this.db.query<{ parent: number; value: unknown }>(perParentAggregateStatement(relation, ids, filter, picked));
      const map = new Map(rows.map((r) => [Number(r.parent), r.value]));
      return ids.map((id) => map.get(id));
    });
  }
}
