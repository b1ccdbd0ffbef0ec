import type { IncomingMessage } from 'node:http';
import { isNonNullType, locatedError, type FieldNode, type FormattedExecutionResult, type GraphQLFormattedError, type GraphQLObjectType } from 'graphql';
import { userFromHeader, type AuthKit } from '../auth/auth-kit.js';
import type { Database } from '../db/database.js';
import type { CompiledPlan, CompiledQueries } from '../graphql/compiled-queries.js';
import type { ExpensiveLane } from '../graphql/expensive-lane.js';
import type { FallbackReason } from '../graphql/fallback-reasons.js';
import { LaneFullError } from '../errors.js';
import { PART_SEPARATOR } from '../query/json-query.js';
import type { Logger } from '../logger.js';
import type { RequestScope } from '../request-scope.js';
import { frame, type Framed } from './compiled-framing.js';

/** A complete HTTP answer, as Apollo would have given it. */
export interface CompiledResponse {
  status: number;
  contentType: string;
  body: string;
}

/** Runs a document through Apollo (same context, plugins, limits and formatError) for the root fields that did not compile. */
export type ResolveFields = (request: Framed['request']) => Promise<{ status: number; result: FormattedExecutionResult }>;

/** Answers a request, or returns undefined (with the reason on the scope) to hand it whole to Apollo. */
export type CompiledAnswer = (
  req: IncomingMessage,
  body: unknown,
  url: URL,
  scope: RequestScope,
  resolve: ResolveFields,
) => Promise<CompiledResponse | undefined>;

/** Apollo's formatError (format-error.ts): a compiled failure leaves in the shape a resolver failure would. */
export type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

interface CompiledOutcome {
  /** The JSON text of each compiled root field, in order; undefined when the statement failed. */
  texts?: string[];
  errors: GraphQLFormattedError[];
}

/** A root field's failure as graphql-js locates it and Apollo formats it, through the one mapper (formatError). */
export function fieldError(err: unknown, nodes: readonly FieldNode[], key: string, formatError: FormatError): GraphQLFormattedError {
  const located = locatedError(err, nodes, [key]);
  const { message, locations, path } = located.toJSON();
  return formatError({ message, locations, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, located);
}

/** Hands the request whole to Apollo, with why on the scope (counted and logged as a fallback). */
export function handBack(scope: RequestScope, reason: FallbackReason): undefined {
  scope.fallbackReason = reason;
  return undefined;
}

export function compiledAnswer(
  compiled: CompiledQueries,
  root: GraphQLObjectType,
  db: Database,
  auth: AuthKit,
  logger: Logger,
  formatError: FormatError,
  lane: ExpensiveLane,
  /** The compiled mutation path (compiled-mutation-answer.ts), tried for a document that is not a query. */
  mutations?: (req: IncomingMessage, framed: Framed, scope: RequestScope) => Promise<CompiledResponse | undefined>,
): CompiledAnswer {
  /**
   * Runs the statement once. A failure (timeout, outage) is answered here as the resolvers'
   * failure would be, one error per compiled root field, and never run again elsewhere.
   */
  const runStatement = async (plan: CompiledPlan): Promise<CompiledOutcome> => {
    if (!plan.statement) return { texts: [], errors: [] };
    try {
      return { texts: (await db.queryJson(plan.statement)).split(PART_SEPARATOR), errors: [] };
    } catch (err) {
      const errors = plan.parts.flatMap((part) => ('json' in part ? [fieldError(err, part.nodes, part.key, formatError)] : []));
      return { errors };
    }
  };

  const answer = async (plan: CompiledPlan, framed: Framed, scope: RequestScope, resolve: ResolveFields): Promise<CompiledResponse> => {
    scope.operationName = plan.operationName;
    scope.operationType = 'query';
    scope.graphqlPath = plan.resolvers ? 'mixed' : 'compiled';
    if (plan.resolvers) scope.fallbackReason = plan.resolvers.reason;
    else if (logger.isLevelEnabled('debug'))
      logger.debug({ requestId: scope.requestId, operationName: plan.operationName ?? null, variables: framed.request.variables }, 'graphql operation');

    const [outcome, resolved] = plan.resolvers
      ? await Promise.all([runStatement(plan), resolve({ ...framed.request, query: plan.resolvers.query })])
      : [await runStatement(plan), undefined];
    const errors = [...outcome.errors, ...(resolved?.result.errors ?? [])];
    // A non-null root field that failed makes `data` null, as graphql-js does.
    const failedNonNull = !outcome.texts && plan.parts.some((p) => 'json' in p && isNonNullType(root.getFields()[p.nodes[0].name.value]?.type));
    const data = failedNonNull || (resolved && !resolved.result.data) ? 'null' : dataText(plan, outcome.texts, resolved?.result.data);
    // Apollo's order and framing (runHttpQuery.ts orderExecutionResultFields, prettyJSONStringify).
    const extensions = resolved?.result.extensions ? `,"extensions":${JSON.stringify(resolved.result.extensions)}` : '';
    return {
      status: resolved?.status ?? 200,
      contentType: framed.contentType,
      body: `{${errors.length ? `"errors":${JSON.stringify(errors)},` : ''}"data":${data}${extensions}}\n`,
    };
  };

  return async (req, body, url, scope, resolve) => {
    const framed = frame(req, body, url);
    if (!framed) return handBack(scope, 'framing');
    const prepared = compiled.prepare(framed.request);
    if ('fallback' in prepared && prepared.fallback === 'not-a-query' && mutations) return mutations(req, framed, scope);
    if ('fallback' in prepared) return handBack(scope, prepared.fallback);
    const { plan } = prepared;
    // A bad token is a 401 even on public data: Apollo's context answers that.
    if (
      req.headers.authorization !== undefined &&
      !(await userFromHeader(auth, req.headers.authorization).then(
        () => true,
        () => false,
      ))
    )
      return handBack(scope, 'bad-token');
    // Expensive plans wait for a place in the lane both paths share; refused here, Apollo answers TOO_MANY_REQUESTS.
    let release: (() => void) | undefined;
    if (lane.isExpensive(plan.cost)) {
      try {
        release = await lane.enter(req.socket.remoteAddress ?? 'unknown', scope);
      } catch (err) {
        if (err instanceof LaneFullError) return handBack(scope, 'lane-full');
        throw err;
      }
    }
    try {
      return await answer(plan, framed, scope, resolve);
    } finally {
      release?.();
    }
  };
}

/** `{"key":value,...}` in the document's order: compiled texts as they are, resolved values serialized. */
function dataText(plan: CompiledPlan, texts: string[] | undefined, resolved: Record<string, unknown> | null | undefined): string {
  let next = 0;
  const pairs = plan.parts.map((part) => {
    const value = 'json' in part ? (texts ? texts[next++] : 'null') : JSON.stringify(resolved?.[part.key] ?? null);
    return `"${part.key}":${value}`;
  });
  return `{${pairs.join(',')}}`;
}
