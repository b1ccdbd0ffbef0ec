// Builds the query engine's Model of every entity from MikroORM's discovered metadata (tables,
// columns, keys, relations) and type-graphql's (which fields GraphQL shows, and as what type).
import 'reflect-metadata';
import { MikroORM, ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/postgresql';
import { getMetadataStorage } from 'type-graphql';
import { entities } from '../../entities/index.js';
import { raw, sql } from '../sql.js';
import { attachAggregates } from './aggregates.js';
import { optedOut, type EntityClass } from './decorators.js';
import type { Column, ColumnKind, ManyRelation, Model, OneRelation } from '../model-types.js';
import { tableRef } from '../table-ref.js';

const ident = (alias: string, column: string) => raw(`"${alias}"."${column}"`);

/**
 * Discovery only: MikroORM.initSync reads the decorators and applies the naming strategy without
 * opening a connection (the URL is never dialled), so the model exists at module load.
 */
function discover() {
  const orm = MikroORM.initSync({
    entities,
    clientUrl: 'postgresql://metadata-only@127.0.0.1:1/none',
    discovery: { requireEntitiesArray: true },
    connect: false,
  });
  return orm.getMetadata();
}

const KIND_BY_SQL: [RegExp, ColumnKind][] = [
  [/^(int|integer|smallint|bigint|serial|bigserial)\b/, 'int'],
  [/^(numeric|decimal|double|real|float)/, 'float'],
  [/^(timestamp|date|time)/, 'datetime'],
  [/^json/, 'json'],
];

function kindOf(prop: EntityProperty): ColumnKind {
  if (prop.primary) return 'id';
  const type = prop.columnTypes[0] ?? '';
  return KIND_BY_SQL.find(([pattern]) => pattern.test(type))?.[1] ?? 'string';
}

/** GraphQL's name of each field type-graphql shows on the class (`ID`, `String`, `Int`, `Date`, ...). */
function graphqlFields(entity: EntityClass): Map<string, string> {
  const storage = getMetadataStorage();
  const nameOf = (type: unknown) => storage.enums.find((e) => e.enumObj === type)?.name ?? (type as { name?: string }).name ?? 'unknown';
  return new Map(storage.fields.filter((f) => f.target === entity).map((f) => [f.name, nameOf(f.getType())]));
}

function graphqlName(entity: EntityClass): string {
  return getMetadataStorage().objectTypes.find((t) => t.target === entity)?.name ?? entity.name;
}

/** `author` -> `authorId`: a to-one relation's foreign key as read queries return it. */
export const foreignKeyField = (relation: string) => `${relation}Id`;

/** The column a pivot entity's to-one property towards `entity` joins on. */
function pivotColumn(pivot: EntityMetadata, entity: string): string {
  const prop = Object.values(pivot.properties).find((p) => p.kind === ReferenceKind.MANY_TO_ONE && p.type === entity);
  if (!prop) throw new Error(`${pivot.className} has no to-one relation to ${entity}`);
  return prop.fieldNames[0];
}

function deriveOne(meta: EntityMetadata, all: Map<string, Model>, metaOf: (name: string) => EntityMetadata): Model {
  const entity: EntityClass = meta.class;
  const shown = graphqlFields(entity);
  const columns: Record<string, Column> = {};
  const relations: Record<string, ManyRelation | OneRelation> = {};
  const keys: string[] = [];
  const target = (name: string) => () => all.get(name)!;
  for (const prop of Object.values(meta.properties)) {
    const flags = { filterable: !optedOut(entity, prop.name, 'filter'), sortable: !optedOut(entity, prop.name, 'sort') };
    if (prop.kind === ReferenceKind.SCALAR && shown.has(prop.name)) {
      const serverSet = !!prop.primary || !!prop.version || prop.defaultRaw !== undefined;
      columns[prop.name] = { column: prop.fieldNames[0], kind: kindOf(prop), graphqlType: shown.get(prop.name), audited: !serverSet, ...flags };
      if (prop.nullable) columns[prop.name].nullable = true;
      if (prop.primary) keys.push(prop.name);
    } else if (prop.kind === ReferenceKind.MANY_TO_ONE) {
      const field = foreignKeyField(prop.name);
      const [fk, pk] = [prop.fieldNames[0], metaOf(prop.type).primaryKeys[0]];
      columns[field] = { column: fk, kind: 'id', audited: !prop.primary, filterable: false, sortable: false };
      keys.push(field);
      relations[prop.name] = { kind: 'one', target: target(prop.type), link: (from, to) => sql`${ident(to, pk)} = ${ident(from, fk)}`, ...flags };
    } else if (prop.kind === ReferenceKind.ONE_TO_MANY) {
      const inverse = metaOf(prop.type);
      const parentKey = inverse.properties[prop.mappedBy].fieldNames[0];
      // Rows without an `id` (the inventory links) break sort ties on their other key.
      const tiebreak = inverse.primaryKeys.includes('id') ? undefined : foreignKeyField(inverse.primaryKeys.find((k) => k !== prop.mappedBy)!);
      relations[prop.name] = {
        kind: 'many',
        target: target(prop.type),
        from: (to) => tableRef(inverse.tableName, to),
        parentKey: (to) => ident(to, parentKey),
        tiebreak,
        ...flags,
      };
    } else if (prop.kind === ReferenceKind.MANY_TO_MANY) {
      const owner = prop.owner ? prop : metaOf(prop.type).properties[prop.mappedBy];
      const pivot = metaOf(owner.pivotEntity);
      const [mine, theirs] = [pivotColumn(pivot, meta.className), pivotColumn(pivot, prop.type)];
      const table = metaOf(prop.type).tableName;
      relations[prop.name] = {
        kind: 'many',
        target: target(prop.type),
        from: (to) => sql`${tableRef(pivot.tableName, `${to}_i`)} JOIN ${tableRef(table, to)} ON ${raw(`"${to}"."id" = "${to}_i"."${theirs}"`)}`,
        parentKey: (to) => ident(`${to}_i`, mine),
        ...flags,
      };
    }
  }
  const model: Model = {
    name: graphqlName(entity),
    table: meta.tableName,
    columns,
    keys,
    relations,
    aggregates: {},
    aggregateStatements: {},
    sortableAggregates: [],
  };
  if (meta.primaryKeys.length > 1)
    model.compositeId = meta.primaryKeys.map((pk) => (meta.properties[pk].kind === ReferenceKind.SCALAR ? pk : foreignKeyField(pk)));
  return model;
}

/** Every entity's Model, by entity class name; aggregates are attached once all relations exist. */
export function deriveModels(): Map<string, Model> {
  const metadata = discover();
  const all = new Map<string, Model>();
  for (const entity of entities)
    all.set(
      entity.name,
      deriveOne(metadata.get(entity.name), all, (name) => metadata.get(name)),
    );
  for (const entity of entities) attachAggregates(entity, all.get(entity.name)!);
  return all;
}
