import 'reflect-metadata';
import { printSchema as printSchemaWithDirectives, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchemaSync, type BuildSchemaOptions, type NonEmptyArray, type PubSub } from 'type-graphql';
import { authChecker } from './auth/auth-checker.js';
import { aggregateResolvers } from './resolvers/AggregateResolvers.js';
import { AuditResolver } from './resolvers/AuditResolver.js';
import { validateArgs } from './graphql/validate-args.js';
import { AuthorResolver } from './resolvers/AuthorResolver.js';
import { BookResolver } from './resolvers/BookResolver.js';
import { AuthorConnectionResolver, BookConnectionResolver, connectionCountResolvers, StoreConnectionResolver } from './resolvers/ConnectionResolvers.js';
import { InventoryResolver } from './resolvers/InventoryResolver.js';
import { StoreResolver } from './resolvers/StoreResolver.js';
import { SubscriptionResolver } from './resolvers/SubscriptionResolver.js';
import { UserResolver } from './resolvers/UserResolver.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  AuthorResolver,
  BookResolver,
  StoreResolver,
  InventoryResolver,
  UserResolver,
  AuditResolver,
  SubscriptionResolver,
  AuthorConnectionResolver,
  BookConnectionResolver,
  StoreConnectionResolver,
  ...connectionCountResolvers,
  ...aggregateResolvers,
];

// type-graphql requires a PubSub once there are subscriptions; ours bring their own streams (src/subscriptions/feed.ts).
const noPubSub: PubSub = {
  publish: () => {
    throw new Error('subscriptions publish through src/subscriptions/feed.ts');
  },
  subscribe: () => {
    throw new Error('subscriptions subscribe through src/subscriptions/feed.ts');
  },
};

/** Run around every field; the compiled read engine reads this and compiles nothing when it is not empty. */
export const globalMiddlewares: NonNullable<BuildSchemaOptions['globalMiddlewares']> = [];

let cached: GraphQLSchema | undefined;

/** The executable schema, built once from the resolver classes. */
export function buildAppSchema(): GraphQLSchema {
  cached ??= buildSchemaSync({
    resolvers,
    authChecker,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validateFn: validateArgs,
    globalMiddlewares,
    pubSub: noPubSub,
  });
  return cached;
}

const HEADER = '# Generated from the resolvers by `npm run schema:print`; do not edit.\n\n';

/** The SDL as committed in schema.graphql. */
export function printAppSchema(): string {
  return HEADER + printSchemaWithDirectives(buildAppSchema()) + '\n';
}
