import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { fragmentsOf, requestFigures } from './cost.js';

/**
 * How many objects an operation could return at most: each object field counts once per
 * parent, and a paged list field (one with a `limit` argument) counts its page object once
 * and multiplies everything beneath it by its limit (literal, variable, variable default or
 * schema default, within 0..MAX_LIMIT). The walk is cost.ts' operationFigures, without the
 * cost: fragments spread, @skip/@include applied, fields that share a response key merged.
 */
export function countNodes(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, raw: Record<string, unknown>): number {
  return requestFigures(schema, operation, fragmentsOf(document), raw)?.nodes ?? 0;
}
