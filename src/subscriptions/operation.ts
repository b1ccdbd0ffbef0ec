import { getOperationAST, GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { QueryLimits } from '../config.js';
import { AppError, QueryTooComplexError } from '../errors.js';
import { tokenLimitError } from '../graphql/limits.js';
import { countNodes } from '../graphql/node-count.js';

export interface SubscribeRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

export interface CheckedOperation {
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
}

/** The code Apollo gives the same error over HTTP, so both transports report it alike. */
function coded(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError,
    extensions: { code },
  });
}

/**
 * Parses and validates a subscription with the same token, depth, alias and node limits as an
 * HTTP query; returns the errors that refuse it instead.
 */
export function checkOperation(
  schema: GraphQLSchema,
  rules: readonly ValidationRule[],
  limits: QueryLimits,
  request: SubscribeRequest,
): CheckedOperation | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(request.query, { maxTokens: limits.tokens });
  } catch (err) {
    return [tokenLimitError(err) ?? coded(err as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
  }
  const invalid = validate(schema, document, [...specifiedRules, ...rules]);
  if (invalid.length) return invalid.map((e) => coded(e, 'GRAPHQL_VALIDATION_FAILED'));
  const operation = getOperationAST(document, request.operationName);
  if (!operation) return [coded(new GraphQLError('Unable to identify the operation to run'), 'OPERATION_RESOLUTION_FAILURE')];
  if (operation.operation !== 'subscription')
    return [new AppError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', 'BAD_REQUEST')];
  const found = countNodes(schema, document, operation, request.variables ?? {});
  if (found > limits.nodes) return [new QueryTooComplexError('nodes', limits.nodes, found)];
  return { document, operationName: request.operationName, variableValues: request.variables };
}

/** Errors graphql-js raises itself before any resolver runs (variable coercion) are the client's. */
export function clientErrorCode(error: GraphQLError): GraphQLError {
  return error.originalError || error.path ? error : coded(error, 'BAD_USER_INPUT');
}
