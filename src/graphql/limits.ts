import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, Lexer, Source, TokenKind, type ValidationContext, type ValidationRule } from 'graphql';
import type { QueryLimits } from '../config.js';
import type { Context } from '../context.js';
import { QueryTooComplexError, type QueryLimit } from '../errors.js';
import { countNodes } from './node-count.js';

/** Turns a GraphQL Armor rejection ("... limit of 10 exceeded, found 11.") into QUERY_TOO_COMPLEX. */
function reject(rule: QueryLimit, limit: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const found = Number(/found (\d+)/.exec(error.message)?.[1] ?? limit + 1);
    context?.reportError(new QueryTooComplexError(rule, limit, found));
  };
}

/** Depth and alias limits, as validation rules (GraphQL Armor), checked once per distinct document. */
export function limitRules(limits: QueryLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.depth, flattenFragments: true, propagateOnRejection: false, onReject: [reject('depth', limits.depth)] }),
    maxAliasesRule({ n: limits.aliases, propagateOnRejection: false, onReject: [reject('aliases', limits.aliases)] }),
  ];
}

/** Refuses an operation that could return more than `limits.nodes` objects, before it runs. */
export function nodeLimitPlugin(limits: QueryLimits): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const found = countNodes(schema, document, operation, request.variables ?? {});
          if (found > limits.nodes) throw new QueryTooComplexError('nodes', limits.nodes, found);
        },
      };
    },
  };
}

// graphql-js 16 says "more that N tokens"; accept the corrected wording too.
const TOKEN_LIMIT = /Document contains more tha[nt] (\d+) tokens/;

/**
 * The parser stops at `parseOptions.maxTokens` (graphql-js), which Apollo reports as
 * GRAPHQL_PARSE_FAILED; this makes it QUERY_TOO_COMPLEX with the document's real token count.
 */
export function tokenLimitError(error: unknown): QueryTooComplexError | undefined {
  const match = error instanceof GraphQLError ? TOKEN_LIMIT.exec(error.message) : null;
  if (!match) return undefined;
  const body = (error as GraphQLError).source?.body;
  return new QueryTooComplexError('tokens', Number(match[1]), body === undefined ? Number(match[1]) + 1 : countTokens(body));
}

function countTokens(body: string): number {
  const lexer = new Lexer(new Source(body));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    // A lexing error further on: the count so far is still over the limit.
  }
  return count;
}
