import { isObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Class = Function;

/** A check type-graphql runs around fields: `@Authorized` or `@UseMiddleware`, on one member or a whole class. */
interface Guard {
  target: Class;
  fieldName?: string;
}

const isOrExtends = (cls: Class, base: Class): boolean => cls === base || cls.prototype instanceof base;

/**
 * `Type.field` of every field whose resolver type-graphql wraps in an authorization check or a
 * middleware, read from type-graphql's decorator metadata. The compiled engine never runs
 * resolvers, so it must refuse these fields and leave them to graphql-js, where the check runs.
 * With any global middleware every field is guarded.
 */
export function guardedFields(schema: GraphQLSchema, globalMiddlewares: readonly unknown[]): ReadonlySet<string> {
  const out = new Set<string>();
  if (globalMiddlewares.length) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (isObjectType(type)) for (const name of Object.keys(type.getFields())) out.add(`${type.name}.${name}`);
    }
    return out;
  }
  const storage = getMetadataStorage();
  const guards: Guard[] = [...storage.authorizedFields, ...storage.authorizedResolver, ...storage.middlewares, ...storage.resolverMiddlewares];
  const guarded = (target: Class, member: string) => guards.some((g) => isOrExtends(target, g.target) && (g.fieldName === undefined || g.fieldName === member));
  const typeNames = (cls: Class | undefined) => (cls ? storage.objectTypes.filter((o) => isOrExtends(o.target, cls)).map((o) => o.name) : []);
  const resolvedType = (resolver: Class) => storage.resolverClasses.find((r) => isOrExtends(resolver, r.target))?.getObjectType?.() as Class | undefined;

  // Fields declared on object type classes (entities): their basic resolver carries the guard.
  for (const field of storage.fields) {
    if (guarded(field.target, field.name)) for (const type of typeNames(field.target)) out.add(`${type}.${field.schemaName}`);
  }
  // @FieldResolver methods, in resolver classes (external) or on the object type itself.
  for (const resolver of storage.fieldResolvers) {
    if (!guarded(resolver.target, resolver.methodName)) continue;
    const types = resolver.kind === 'external' ? typeNames(resolvedType(resolver.target)) : typeNames(resolver.target);
    for (const type of types) out.add(`${type}.${resolver.schemaName}`);
  }
  const query = schema.getQueryType()?.name ?? 'Query';
  for (const handler of storage.queries) if (guarded(handler.target, handler.methodName)) out.add(`${query}.${handler.schemaName}`);
  return out;
}
