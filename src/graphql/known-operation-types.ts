import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * graphql-js 16 validates a subscription against a schema without a Subscription type and only
 * fails at execution, as an INTERNAL_SERVER_ERROR; this rule makes it a validation error (400).
 */
export function KnownOperationTypes(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (!context.getSchema().getRootType(node.operation)) {
        context.reportError(new GraphQLError(`This API has no ${node.operation} operations.`, { nodes: node }));
      }
    },
  };
}
