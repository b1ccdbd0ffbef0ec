import type { FreeFormPolicy } from '../config.js';
import type { Manifest } from '../graphql/trusted-manifest.js';

/** The request as the compiled path and Apollo will see it: a POST body, or a GET query string. */
export interface GraphQLRequestParts {
  body: unknown;
  search: string;
}

export interface TrustedDocumentError {
  status: number;
  code: 'PERSISTED_QUERY_NOT_FOUND' | 'PERSISTED_QUERY_NOT_IN_LIST' | 'PERSISTED_QUERY_ID_REQUIRED';
  message: string;
}

/** Turns an operation id into its document text before anything else sees the request, or refuses it. */
export type TrustedDocumentResolver = (method: string, parts: GraphQLRequestParts) => GraphQLRequestParts | TrustedDocumentError;

type Fields = Record<string, unknown>;
const isRecord = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(text: string | null): unknown {
  try {
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return text; // Apollo reports it as it always has
  }
}

/** The GraphQL-over-HTTP fields of a request (for GET, its parameters with `extensions` parsed). */
function fieldsOf(method: string, parts: GraphQLRequestParts): Fields | undefined {
  if (method === 'POST') return isRecord(parts.body) ? parts.body : undefined;
  const params = new URLSearchParams(parts.search);
  const fields: Fields = Object.fromEntries(params);
  if (params.has('extensions')) fields.extensions = parseJson(params.get('extensions'));
  return fields;
}

function withFields(method: string, parts: GraphQLRequestParts, fields: Fields): GraphQLRequestParts {
  if (method === 'POST') return { ...parts, body: fields };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return { ...parts, search: `?${params}` };
}

/** The id, from `documentId` (GraphQL over HTTP, Code Generator) or Apollo's `extensions.persistedQuery.sha256Hash`. */
function takeId(fields: Fields): { id?: string; rest: Fields } {
  const { documentId, ...rest } = fields;
  const { persistedQuery, ...extensions } = isRecord(rest.extensions) ? rest.extensions : {};
  const hash = isRecord(persistedQuery) ? persistedQuery.sha256Hash : undefined;
  if (isRecord(rest.extensions)) rest.extensions = Object.keys(extensions).length ? extensions : undefined;
  const id = typeof documentId === 'string' ? documentId : typeof hash === 'string' ? hash : undefined;
  return { id, rest };
}

const refuse = (code: TrustedDocumentError['code'], message: string): TrustedDocumentError => ({ status: 400, code, message });

/**
 * With TRUSTED_DOCUMENTS: a request naming an operation id runs that listed document (what it
 * sent as `query`, if anything, is ignored); a request with document text is run, refused unless
 * listed, or refused outright, by `freeForm`. Ids are resolved here, ahead of the compiled path
 * and Apollo, so both serve trusted documents and Apollo's own APQ cache never sees an id.
 */
export function trustedDocumentResolver(manifest: Manifest, freeForm: FreeFormPolicy): TrustedDocumentResolver {
  const listed = new Set(manifest.values());
  return (method, parts) => {
    const fields = fieldsOf(method, parts);
    if (!fields) return parts;
    const { id, rest } = takeId(fields);
    if (id !== undefined) {
      const query = manifest.get(id) ?? manifest.get(id.replace(/^sha256:/, ''));
      if (query === undefined) return refuse('PERSISTED_QUERY_NOT_FOUND', `No trusted document has the id ${JSON.stringify(id.slice(0, 80))}`);
      return withFields(method, parts, { ...rest, query });
    }
    if (typeof fields.query !== 'string' || freeForm === 'allow') return parts;
    if (freeForm === 'reject')
      return refuse('PERSISTED_QUERY_ID_REQUIRED', 'This server runs trusted documents by id only: send documentId (or extensions.persistedQuery.sha256Hash)');
    return listed.has(fields.query) ? parts : refuse('PERSISTED_QUERY_NOT_IN_LIST', 'This document is not one of the trusted documents');
  };
}
