import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { DocumentNode, ValidationRule } from 'graphql';
import { ByteLru, documentBytes } from '../cache/byte-lru.js';
import type { Config } from '../config.js';
import type { Context } from '../context.js';
import type { Logger } from '../logger.js';
import { currentRequestScope } from '../request-scope.js';
import { buildAppSchema } from '../schema.js';
import { createFormatError } from './format-error.js';
import { limitRules } from './limits.js';
import { logVariables } from './log-variables.js';
import { KnownOperationTypes } from './known-operation-types.js';
import { rejectNulCharacters } from './nul-guard.js';
import { SubscriptionsOverWebSocket } from '../subscriptions/http-rule.js';

/** Records the operation's name and type on the request scope, for logs and metrics. */
const operationInfo: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operationName, operation }) {
        const scope = currentRequestScope();
        if (scope) {
          scope.operationName = operationName ?? undefined;
          scope.operationType = operation?.operation;
        }
      },
    };
  },
};

/** The validation rules Apollo runs beyond graphql-js' own (also used by CompiledQueries). */
export function extraValidationRules(config: Config): ValidationRule[] {
  return [KnownOperationTypes, ...limitRules(config.limits)];
}

export function createApollo(config: Config, logger: Logger, plugins: ApolloServerPlugin<Context>[] = []): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: buildAppSchema(),
    introspection: config.ide || !config.production,
    includeStacktraceInErrorResponses: false,
    // No "Did you mean ...?" in production, even with the IDE on: it leaks the schema piecemeal.
    hideSchemaDetailsFromClientErrors: config.production,
    csrfPrevention: true,
    // main.ts owns SIGTERM/SIGINT; Apollo's own handlers deadlock with our app.close() and the process never exits.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: config.limits.tokens },
    // Keyed by the query's hash (Apollo's own) and sized by what a document holds, its source text included.
    documentStore: new ByteLru<DocumentNode>(config.caches.documentBytes, documentBytes).asKeyValueCache(),
    validationRules: [...extraValidationRules(config), SubscriptionsOverWebSocket],
    formatError: createFormatError(logger, config.production),
    logger,
    // The default cache-control plugin wraps every field resolver; we send no cache hints.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      operationInfo,
      rejectNulCharacters,
      logVariables(logger),
      ...plugins,
    ],
  });
}
