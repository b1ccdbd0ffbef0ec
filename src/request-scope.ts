import { AsyncLocalStorage } from 'node:async_hooks';
import type { FallbackReason, GraphQLPath } from './graphql/fallback-reasons.js';

/** What is known of the request being served, wherever code runs on its behalf. */
export interface RequestScope {
  requestId: string;
  /** The route that served the request, e.g. `POST /graphql`; unset when none matched. */
  route?: string;
  /** SQL statements this request has run so far (ORM and read queries alike). */
  statements: number;
  operationName?: string;
  operationType?: string;
  /** `extensions.code` of every error the response carries. */
  errorCodes: string[];
  /** Which engine answered a GraphQL request (unset: Apollo and the resolvers). */
  graphqlPath?: GraphQLPath;
  /** The newest commit position the client carries (src/db/lsn.ts): replicas behind it are not read. */
  minLsn?: bigint;
  /** Why the compiled engine left the request, or some of its root fields, to the resolvers. */
  fallbackReason?: FallbackReason;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

export function noteStatementRun(): void {
  const scope = storage.getStore();
  if (scope) scope.statements++;
}

/**
 * Runs `fn` outside any request: work shared by many requests (a cached lookup that concurrent
 * requests wait on together) is not counted as one request's statements.
 */
export function outsideRequestScope<T>(fn: () => T): T {
  return storage.exit(fn);
}
