import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.js';
import type { Logger } from '../logger.js';
import { currentRequestScope } from '../request-scope.js';

/** At debug level, logs each operation with its variables; the logger redacts secret-named ones at any depth. */
export function logVariables(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      if (!logger.isLevelEnabled('debug')) return;
      return {
        async didResolveOperation({ operationName, request }) {
          logger.debug({ requestId: currentRequestScope()?.requestId, operationName, variables: request.variables }, 'graphql operation');
        },
      };
    },
  };
}
