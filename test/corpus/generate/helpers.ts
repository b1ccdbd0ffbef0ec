import type { CorpusEntry } from '../corpus.js';

/**
 * An entry as a generator writes it: the codes (and statuses) that would be acceptable. The
 * corpus keeps one answer per entry: the one in settled.json, which must be among these.
 */
export interface Draft extends Omit<CorpusEntry, 'expect'> {
  expect: { status?: number[]; code: string[]; path?: string; data?: unknown; note?: string };
}

export const OK = ['OK'];
export const BUI = ['BAD_USER_INPUT'];
export const VAL = ['GRAPHQL_VALIDATION_FAILED'];
export const PARSE = ['GRAPHQL_PARSE_FAILED'];
export const BR = ['BAD_REQUEST'];

/** A GraphQL request sent as JSON through app.gql. */
export function gql(name: string, query: string, variables: Record<string, unknown> | undefined, code: string[], extra: Partial<Draft['expect']> = {}): Draft {
  return { name, body: variables === undefined ? { query } : { query, variables }, expect: { code, ...extra } };
}

/** A request sent byte for byte. */
export function raw(
  name: string,
  body: string | Buffer | undefined,
  options: Omit<Draft, 'name' | 'expect' | 'body' | 'bodyBase64'>,
  expect: Draft['expect'],
): Draft {
  const entry: Draft = { name, ...options, expect };
  if (Buffer.isBuffer(body)) entry.bodyBase64 = body.toString('base64');
  else if (body !== undefined) entry.body = body;
  return entry;
}

export const COUNT_AUTHORS = '{ authors { totalCount } }';
export const COUNT_AUTHORS_JSON = JSON.stringify({ query: COUNT_AUTHORS });

/** `books(filter: $f)` returning the ids in id order, so results can be compared exactly. */
export const BOOKS_BY_FILTER = 'query($f: BookFilter) { books(filter: $f, orderBy: [{ id: ASC }], limit: 100) { items { id } } }';
export const AUTHORS_BY_FILTER = 'query($f: AuthorFilter) { authors(filter: $f, orderBy: [{ id: ASC }], limit: 100) { items { id } } }';
export const STORES_BY_FILTER = 'query($f: StoreFilter) { stores(filter: $f, orderBy: [{ id: ASC }], limit: 100) { items { id } } }';

export const items = (key: string, ids: number[]) => ({ [key]: { items: ids.map((id) => ({ id: String(id) })) } });

export const ALL_BOOKS = [1, 2, 3, 4, 5, 6, 7, 8];
