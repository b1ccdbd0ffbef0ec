import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  getVariableValues,
  GraphQLError,
  Kind,
  Lexer,
  Source,
  TokenKind,
  type FragmentDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { QueryLimits } from '../config.js';
import type { Context } from '../context.js';
import { QueryTooComplexError, type AppError, type QueryLimit } from '../errors.js';
import { currentRequestScope } from '../request-scope.js';
import { inputRefusal, operationCost } from './cost.js';
import type { ExpensiveLane } from './expensive-lane.js';
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

/**
 * The path to the first value of `root` nested deeper than `max` levels, or undefined. Iterative:
 * graphql-js coerces variables recursively, and 90,000 nested `not` overflowed its stack.
 */
export function tooDeepPath(root: unknown, max: number, rootPath = 'variables'): string | undefined {
  type Item = { value: unknown; depth: number; parent?: Item; key?: string };
  const stack: Item[] = [{ value: root, depth: 0 }];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= max) {
      const keys: string[] = [];
      for (let at: Item | undefined = item; at?.key !== undefined; at = at.parent) keys.push(at.key);
      return [rootPath, ...keys.reverse()].join('.');
    }
    for (const [key, value] of Object.entries(item.value)) stack.push({ value, depth: item.depth + 1, parent: item, key });
  }
  return undefined;
}

/**
 * What can be refused from the raw request body alone, before parsing or coercing anything:
 * query text over `queryBytes` (QUERY_TOO_COMPLEX) and variables nested deeper than
 * `variableDepth` (BAD_USER_INPUT, 400). The HTTP handler asks before either path runs; the
 * plugin below asks again for what arrives another way (GET, whose URL node caps at 16 KB).
 */
export function requestShapeError(body: unknown, limits: QueryLimits): AppError | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { query, variables } = body as { query?: unknown; variables?: unknown };
  // UTF-8 takes at most 3 bytes per UTF-16 unit: shorter text needs no counting.
  if (typeof query === 'string' && query.length > limits.queryBytes / 3) {
    const bytes = Buffer.byteLength(query);
    if (bytes > limits.queryBytes) return new QueryTooComplexError('bytes', limits.queryBytes, bytes);
  }
  const path = tooDeepPath(variables, limits.variableDepth);
  if (path === undefined) return undefined;
  return inputRefusal(path, `nests deeper than ${limits.variableDepth} levels`);
}

/**
 * Request shape (above), then the cost budget once the operation is known, and for an expensive
 * operation a place in the lane, held until the response is sent. Apollo catches what
 * didResolveOperation throws (not what requestDidStart throws), so all of it happens there.
 */
export function admissionPlugin(limits: QueryLimits, lane: ExpensiveLane): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let release: (() => void) | undefined;
      let sent = false;
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          const refused = requestShapeError(request, limits);
          if (refused) throw refused;
          const root = operation?.operation === 'query' ? schema.getQueryType() : schema.getMutationType();
          if (!operation || !root) return;
          // Shallow now, so coercing is safe; bad variables are execution's to report.
          const { coerced } = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 });
          if (!coerced) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
          const found = operationCost(root, operation, { fragments, variables: coerced }, limits);
          if (found > limits.cost) throw new QueryTooComplexError('cost', limits.cost, found);
          if (!lane.isExpensive(found)) return;
          release = await lane.enter(contextValue.ip, currentRequestScope());
          // Another plugin's refusal may have sent the response while this one waited.
          if (sent) release();
        },
        async willSendResponse() {
          sent = true;
          release?.();
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
