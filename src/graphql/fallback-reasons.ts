/** Why the compiler leaves one root field to the resolvers. */
export type RefusalReason = 'unsupported-field' | 'guarded-field';

/**
 * Why a GraphQL request (or some of its root fields) went to Apollo and the resolvers instead of
 * the compiled engine: the `reason` label of graphql_compiled_fallbacks_total and of the request's
 * log line, so a small fixed set.
 */
export type FallbackReason =
  | RefusalReason
  // compiled-answer.ts: not a request the compiled engine reads (method, media type, CSRF, persisted query)
  | 'framing'
  | 'bad-token'
  | 'lane-full'
  // compiled-queries.ts
  | 'invalid-document'
  | 'not-a-query'
  | 'nul-byte'
  | 'variables'
  | 'node-limit'
  | 'over-budget'
  | 'bad-input'
  | 'root-fragment'
  // compiled-mutations.ts / compiled-mutation-answer.ts: a mutation the compiled path does not run, or refused (Apollo answers the error)
  | 'unsupported-mutation'
  | 'mutation-refused';

/** Which engine answered a GraphQL request: the `x-graphql-path` header outside production. */
export type GraphQLPath = 'compiled' | 'resolvers' | 'mixed';
