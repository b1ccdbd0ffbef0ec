import type { GqlResult, TestApp } from './app.js';

/** The single error of a failed operation, after checking its code and that no data came back. */
export function errorOf(res: GqlResult, code: string): { message: string; extensions: Record<string, unknown> } {
  expect(res.body.errors?.map((e) => e.extensions.code)).toEqual([code]);
  const error = res.body.errors![0];
  expect(JSON.stringify(res.body)).not.toMatch(/\b(select|insert|update|delete) .*"(author|book|store|inventory)"|at .*\.ts:\d+|stacktrace/i);
  return error;
}

/** Runs a request that must fail with `code` and proves that it wrote nothing. */
export async function failsWithoutWriting(app: TestApp, code: string, query: string, variables?: Record<string, unknown>) {
  const before = await app.snapshot();
  const res = await app.gql(query, variables);
  const error = errorOf(res, code);
  expect(await app.snapshot()).toEqual(before);
  return error;
}
