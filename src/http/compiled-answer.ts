import type { IncomingMessage } from 'node:http';
import { userFromHeader, type AuthKit } from '../auth/auth-kit.js';
import type { Database } from '../db/database.js';
import type { CompiledQueries, PlainRequest } from '../graphql/compiled-queries.js';
import type { ExpensiveLane } from '../graphql/expensive-lane.js';
import type { Logger } from '../logger.js';
import type { RequestScope } from '../request-scope.js';

/** Answers a request with a complete JSON body, or undefined to hand it to Apollo. */
export type CompiledAnswer = (req: IncomingMessage, body: unknown, scope: RequestScope) => Promise<string | undefined>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The requests Apollo would answer with a plain `application/json` body: a POST of a JSON
 * object with a query string and no extensions (persisted queries stay with Apollo).
 */
function plainRequest(req: IncomingMessage, body: unknown): PlainRequest | undefined {
  if (req.method !== 'POST' || !isRecord(body) || typeof body.query !== 'string') return undefined;
  if (req.headers['content-type']?.split(';')[0].trim().toLowerCase() !== 'application/json') return undefined;
  const accept = req.headers.accept;
  if (accept !== undefined && (accept.includes('graphql-response') || !(accept.includes('application/json') || accept.includes('*/*')))) return undefined;
  const { operationName, variables, extensions } = body;
  if (extensions !== undefined && extensions !== null && !(isRecord(extensions) && Object.keys(extensions).length === 0)) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (variables !== undefined && variables !== null && !isRecord(variables)) return undefined;
  return { query: body.query, operationName: operationName ?? undefined, variables: variables ?? {} };
}

export function compiledAnswer(compiled: CompiledQueries, db: Database, auth: AuthKit, logger: Logger, lane: ExpensiveLane): CompiledAnswer {
  return async (req, body, scope) => {
    const request = plainRequest(req, body);
    const plan = request && compiled.statement(request);
    if (!request || !plan) return undefined;
    // A bad token is a 401 even on public data: Apollo's context answers that.
    if (req.headers.authorization !== undefined && !(await userFromHeader(auth, req.headers.authorization).then(() => true, () => false))) return undefined;
    let data: string;
    let release: (() => void) | undefined;
    try {
      if (lane.isExpensive(plan.cost)) release = await lane.enter(req.socket.remoteAddress ?? 'unknown', scope);
      data = await db.queryJson(plan.statement);
    } catch {
      return undefined; // Apollo runs it again and reports the failure in its usual shape
    } finally {
      release?.();
    }
    scope.operationName = plan.operationName;
    scope.operationType = 'query';
    if (logger.isLevelEnabled('debug')) logger.debug({ requestId: scope.requestId, operationName: plan.operationName ?? null, variables: request.variables }, 'graphql operation');
    return `{"data":${data}}\n`;
  };
}
