import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/** Over HTTP a subscription would run its fields once with no event; it is refused (400) and pointed to WebSocket. */
export function SubscriptionsOverWebSocket(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation === 'subscription' && context.getSchema().getSubscriptionType()) {
        context.reportError(new GraphQLError('Subscriptions are served over WebSocket (the graphql-ws protocol) at this same URL.', { nodes: node }));
      }
    },
  };
}
