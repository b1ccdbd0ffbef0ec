import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Config } from '../config.js';
import type { Context } from '../context.js';
import type { Logger } from '../logger.js';
import { currentRequestScope } from '../request-scope.js';
import { buildAppSchema } from '../schema.js';
import { createFormatError } from './format-error.js';
import { KnownOperationTypes } from './known-operation-types.js';
import { rejectNulCharacters } from './nul-guard.js';

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

export function createApollo(config: Config, logger: Logger, plugins: ApolloServerPlugin<Context>[] = []): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: buildAppSchema(),
    introspection: config.ide || !config.production,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.production && !config.ide,
    csrfPrevention: true,
    validationRules: [KnownOperationTypes],
    allowBatchedHttpRequests: false,
    formatError: createFormatError(logger, config.production),
    logger,
    plugins: [ApolloServerPluginLandingPageDisabled(), operationInfo, rejectNulCharacters, ...plugins],
  });
}
