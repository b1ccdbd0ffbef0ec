import type { IncomingMessage } from 'node:http';
import Negotiator from 'negotiator';
import MIMEType from 'whatwg-mimetype';
import type { PlainRequest } from '../graphql/compiled-documents.js';

// Apollo Server 5's own media types and choices (ApolloServer.ts MEDIA_TYPES,
// chooseContentTypeForSingleResultResponse; preventCsrf.ts): the compiled engine answers
// exactly the requests Apollo would answer with one complete JSON body, in the type Apollo picks.
const APPLICATION_JSON = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
const JSON_GRAPHQL_CALLBACK = 'application/json; callbackSpec=1.0; charset=utf-8';
const NON_PREFLIGHTED_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const CSRF_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];

/** A read request as Apollo would run it, and the content type of its answer. */
export interface Framed {
  request: PlainRequest & { extensions?: Record<string, unknown> };
  contentType: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/**
 * Header values repeat (each client library sends the same few), so their parse is remembered:
 * at most 64 values of at most 256 characters, forgotten all at once when full.
 */
function remembered<T>(parse: (value: string) => T): (value: string) => T {
  const seen = new Map<string, T>();
  return (value) => {
    if (seen.has(value)) return seen.get(value)!;
    const parsed = parse(value);
    if (seen.size >= 64) seen.clear();
    if (value.length <= 256) seen.set(value, parsed);
    return parsed;
  };
}
const essenceOf = remembered((contentType) => MIMEType.parse(contentType)?.essence ?? null);
const negotiated = remembered((accept) => new Negotiator({ headers: { accept } }).mediaType([APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, JSON_GRAPHQL_CALLBACK]));

/** Apollo's CSRF prevention: a request a browser could send without a preflight is refused (by Apollo). */
function passesCsrf(req: IncomingMessage): boolean {
  const contentType = header(req, 'content-type');
  if (contentType !== undefined) {
    const essence = essenceOf(contentType);
    if (essence === null || !NON_PREFLIGHTED_CONTENT_TYPES.includes(essence)) return true;
  }
  return CSRF_HEADERS.some((name) => (header(req, name) ?? '').length > 0);
}

/** The single-result content type Apollo would choose; undefined for its 406 and for the callback protocol. */
function contentTypeFor(req: IncomingMessage): string | undefined {
  const accept = header(req, 'accept');
  if (!accept) return APPLICATION_JSON;
  const chosen = negotiated(accept);
  return chosen === JSON_GRAPHQL_CALLBACK ? undefined : chosen;
}

type Fields = { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown };

/** GET parameters as Apollo reads them; undefined for anything Apollo answers with a 4xx. */
function searchFields(url: URL, req: IncomingMessage): Fields | undefined {
  const contentType = header(req, 'content-type');
  if (contentType !== undefined && essenceOf(contentType) !== 'application/json') return undefined;
  const out: Record<string, unknown> = {};
  for (const name of ['query', 'operationName', 'variables', 'extensions']) {
    const values = url.searchParams.getAll(name);
    if (values.length > 1) return undefined;
    if (values.length === 0) continue;
    if (name === 'variables' || name === 'extensions') {
      try {
        out[name] = JSON.parse(values[0]);
      } catch {
        return undefined;
      }
      if (!isRecord(out[name])) return undefined;
    } else {
      out[name] = values[0];
    }
  }
  return out;
}

/**
 * The request as Apollo would read it, when Apollo would run it as a single operation whose
 * answer is one JSON body: a POST of a JSON object or a GET that passes CSRF prevention, with a
 * query string, any extensions but a persisted query, and an accepted response type.
 */
export function frame(req: IncomingMessage, body: unknown, url: URL): Framed | undefined {
  let fields: Fields | undefined;
  if (req.method === 'POST') fields = isRecord(body) ? body : undefined;
  else if (req.method === 'GET') fields = searchFields(url, req);
  if (!fields || !passesCsrf(req)) return undefined;
  const { query, operationName, variables, extensions } = fields;
  if (typeof query !== 'string') return undefined;
  if (extensions !== undefined && extensions !== null && (!isRecord(extensions) || extensions.persistedQuery !== undefined)) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (variables !== undefined && variables !== null && !isRecord(variables)) return undefined;
  const contentType = contentTypeFor(req);
  if (!contentType) return undefined;
  return {
    request: { query, operationName: operationName ?? undefined, variables: variables ?? {}, extensions: extensions ?? undefined },
    contentType,
  };
}
