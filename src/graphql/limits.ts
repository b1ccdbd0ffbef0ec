import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, Kind, Lexer, Source, TokenKind, type ValidationContext, type ValidationRule } from 'graphql';
import type { QueryLimits } from '../config.js';
import type { Context } from '../context.js';
import { QueryTooComplexError, type AppError, type QueryLimit } from '../errors.js';
import { currentRequestScope } from '../request-scope.js';
import { checkFigures, fragmentsOf, requestFigures } from './cost.js';
import { inputRefusal } from './filter-cost.js';
import type { ExpensiveLane } from './expensive-lane.js';

/** Turns a GraphQL Armor rejection ("... limit of 10 exceeded, found 11.") into QUERY_TOO_COMPLEX. */
function reject(rule: QueryLimit, limit: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const found = Number(/found (\d+)/.exec(error.message)?.[1] ?? limit + 1);
    context?.reportError(new QueryTooComplexError(rule, limit, found));
  };
}

/** Directives on one field, fragment or operation: @skip and @include need two. */
export const MAX_DIRECTIVES = 5;
/** Times one response key may be selected directly in one selection set. */
export const MAX_DUPLICATES = 10;

/**
 * Directive overloading (`__typename @a@a@a...`) and field duplication (500 x `__typename`), as
 * graphql-cop sends them: cheap for the tokens they take, but each repeat is work for validation
 * and execution that no client needs.
 */
const repetitionRule: ValidationRule = (context) => ({
  enter(node) {
    if ('directives' in node && node.directives && node.directives.length > MAX_DIRECTIVES) {
      context.reportError(new QueryTooComplexError('directives', MAX_DIRECTIVES, node.directives.length));
    }
    if (node.kind !== Kind.SELECTION_SET) return;
    const seen = new Map<string, number>();
    for (const selection of node.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      const key = selection.alias?.value ?? selection.name.value;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    const most = Math.max(0, ...seen.values());
    if (most > MAX_DUPLICATES) context.reportError(new QueryTooComplexError('duplicates', MAX_DUPLICATES, most));
  },
});

/**
 * Depth and alias limits (GraphQL Armor) and repetition (above), as validation rules checked once
 * per distinct document. Aliases of `__typename` count too (Armor leaves them out by default):
 * graphql-cop's alias overloading sends 101 of them.
 */
export function limitRules(limits: QueryLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.depth, flattenFragments: true, propagateOnRejection: false, onReject: [reject('depth', limits.depth)] }),
    maxAliasesRule({ n: limits.aliases, allowList: [], propagateOnRejection: false, onReject: [reject('aliases', limits.aliases)] }),
    repetitionRule,
  ];
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
 * Request shape (above), then the node limit and the cost budget once the operation is known (one
 * walk, before the variables are coerced), and for an expensive
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
          if (!operation) return;
          // Sized from the raw variables, before anything coerces them (cost.ts); the node limit included.
          const figures = requestFigures(schema, operation, fragmentsOf(document), request.variables ?? {}, limits);
          if (!figures) return;
          checkFigures(figures, limits);
          if (!lane.isExpensive(figures.cost)) return;
          release = await lane.enter(contextValue.ip, currentRequestScope());
          // Another plugin's refusal may have sent the response while this one waited.
          if (sent) release();
        },
        async willSendResponse({ response, errors }) {
          sent = true;
          release?.();
          // A full lane's retryAfterSeconds also as the Retry-After header, which HTTP clients read.
          const retryAfter = errors?.find((e) => e.extensions.code === 'TOO_MANY_REQUESTS')?.extensions.retryAfterSeconds;
          if (retryAfter !== undefined) response.http.headers.set('retry-after', String(retryAfter));
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
