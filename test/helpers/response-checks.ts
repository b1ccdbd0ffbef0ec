import type { TestApp } from './app.js';

/** What must never appear in a response body: stack frames, source paths, SQL or driver text. */
export const LEAK =
  /stacktrace|\bat [\w.$<>]+ \(|\.(ts|js):\d+:\d+|node_modules|\binsert into\b|\bdelete from\b|\bupdate "|\bselect\b[^"]*\bfrom "|syntax error at or near|violates (unique|foreign key|check) constraint|invalid byte sequence|\bECONNREFUSED\b/i;

export interface GraphQLBody {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** The distinct `extensions.code` values of a response, or ["OK"] when it has no errors. */
export function codesOf(body: GraphQLBody): string[] {
  return body.errors?.length ? [...new Set(body.errors.map((e) => String(e.extensions?.code)))] : ['OK'];
}

/** Proves the server still serves a plain query correctly. */
export async function expectStillServing(app: TestApp, authors: number): Promise<void> {
  const res = await app.gql<{ authors: { totalCount: number } }>('{ authors { totalCount } }');
  expect([res.status, res.body]).toEqual([200, { data: { authors: { totalCount: authors } } }]);
}
