import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from '../context.js';
import type { RequestScope } from '../request-scope.js';
import { BodyTooLargeError, readBody } from './body.js';
import type { CompiledAnswer, ResolveFields } from './compiled-answer.js';
import { sendJson } from './respond.js';
import type { TrustedDocumentResolver } from './trusted-documents.js';
import { LSN_HEADER, lsnCookie } from '../db/lsn.js';

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (!text) return undefined;
  if (contentType && /json/i.test(contentType)) return JSON.parse(text);
  return text;
}

export interface GraphQLHandling {
  context: () => Promise<Context>;
  /** Outside production the response says how many SQL statements it took and which engine answered (tests assert on both). */
  exposeStatements: boolean;
  /** Tried before Apollo: a compiled read query answered in one statement. */
  compiled?: CompiledAnswer;
  /** With TRUSTED_DOCUMENTS: operation ids become document text here, before the compiled path and Apollo. */
  trusted?: TrustedDocumentResolver;
  /** Refuses a request from its raw body before either path parses it; Apollo writes the error. */
  refuse?: (body: unknown) => Error | undefined;
  /** With read replicas: the primary's WAL position, sent with a mutation's answer (src/db/lsn.ts). */
  commitLsn?: () => Promise<string>;
}

/** Hands one HTTP request to Apollo (or the compiled-query path) and writes its answer back. */
export async function handleGraphQL(
  apollo: ApolloServer<Context>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  scope: RequestScope,
  { context, exposeStatements, compiled, trusted, refuse, commitLsn }: GraphQLHandling,
): Promise<void> {
  let body: unknown;
  try {
    body = req.method === 'POST' ? parseBody(await readBody(req), req.headers['content-type']) : undefined;
  } catch (err) {
    if (err instanceof BodyTooLargeError)
      return sendJson(res, 413, { errors: [{ message: 'Request body is larger than 1 MB', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    return sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
  }
  let search = url.search;
  if (trusted) {
    const resolved = trusted(req.method ?? 'GET', { body, search });
    if ('code' in resolved) {
      scope.errorCodes.push(resolved.code);
      return sendJson(res, resolved.status, { errors: [{ message: resolved.message, extensions: { code: resolved.code } }] });
    }
    ({ body, search } = resolved);
  }
  // The root fields the compiled engine leaves to the resolvers in a mixed query: Apollo runs them as one operation.
  const resolve: ResolveFields = async (request) => {
    const response = await apollo.executeOperation(request, { contextValue: await context() });
    if (response.body.kind !== 'single') throw new Error('a query without @defer or @stream gave an incremental result');
    return { status: response.http.status ?? 200, result: response.body.singleResult };
  };
  const requestUrl = search === url.search ? url : new URL(`${url.pathname}${search}`, url);
  const refused = refuse?.(body);
  const answer = !refused && compiled ? await compiled(req, body, requestUrl, scope, resolve) : undefined;
  const result =
    answer !== undefined
      ? { status: answer.status, headers: new HeaderMap([['content-type', answer.contentType]]), body: { kind: 'complete' as const, string: answer.body } }
      : await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? 'GET', headers: headerMap(req), search, body },
          // A context that fails is answered like any refused request (formatError, status, content type).
          context: refused ? () => Promise.reject(refused) : context,
        });
  for (const [key, value] of result.headers) res.setHeader(key, value);
  // With read replicas: where the primary stood after this mutation, for the client's next reads.
  const lsn = scope.operationType === 'mutation' ? await commitLsn?.().catch(() => undefined) : undefined;
  if (lsn) res.setHeader(LSN_HEADER, lsn).appendHeader('set-cookie', lsnCookie(lsn));
  if (exposeStatements) {
    res.setHeader('x-sql-statements', String(scope.statements));
    res.setHeader('x-graphql-path', scope.graphqlPath ?? 'resolvers');
  }
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}
