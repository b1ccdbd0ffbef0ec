import { startTestApp, type TestApp } from './helpers/app.js';
import { loadQueryData } from './helpers/query-data.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  await loadQueryData(app);
});
afterAll(() => app.close());

const nulProblem = (path: string) => ({ path, message: 'may not contain the NUL character (U+0000)' });

describe('input the database cannot take is refused up front', () => {
  it('a NUL character in a variable is BAD_USER_INPUT (400) naming the variable, and nothing is written', async () => {
    const before = await app.snapshot();
    const res = await app.gql('mutation($i: CreateAuthorInput!) { createAuthor(input: $i) { id } }', { i: { name: 'a\u0000b', email: 'nul@example.com' } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', fields: [nulProblem('variables.i.name')] } })]);
    expect(await app.snapshot()).toEqual(before);
  });

  it('a NUL character in a string literal of the query (a filter) is BAD_USER_INPUT', async () => {
    const res = await app.gql('{ books(filter: { title: { in: ["x", "a\\u0000b"] } }) { totalCount } }');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', fields: [nulProblem('query (line 1, column 38)')] } })]);
  });
});

describe('operations the API does not have', () => {
  it('a subscription over HTTP is GRAPHQL_VALIDATION_FAILED (400) pointing to WebSocket, not an internal error', async () => {
    const res = await app.gql('subscription { stockChanged { quantity } }');
    expect([res.status, res.body.errors?.map((e) => [e.message, e.extensions.code])]).toEqual([
      400,
      [['Subscriptions are served over WebSocket (the graphql-ws protocol) at this same URL.', 'GRAPHQL_VALIDATION_FAILED']],
    ]);
  });
});

describe('values PostgreSQL cannot hold', () => {
  it('adjustStock past the integer range is BAD_USER_INPUT on delta, not an internal error with SQL', async () => {
    const before = await app.snapshot();
    const res = await app.gql('mutation { adjustStock(storeId: 1, bookId: 1, delta: 2147483647) { quantity } }');
    expect(res.body.errors?.map((e) => e.extensions)).toEqual([
      { code: 'BAD_USER_INPUT', fields: [{ path: 'delta', message: 'would take the stock above 2147483647' }] },
    ]);
    expect(await app.snapshot()).toEqual(before);
  });
});

describe('deeply nested variables', () => {
  it('an unused variable nested 100,000 arrays deep is no 5xx: BAD_USER_INPUT at the 64th level (GRAPHQL_MAX_VARIABLE_DEPTH)', async () => {
    const body = `{"query":"{ authors { totalCount } }","variables":{"unused":${'['.repeat(100000)}${']'.repeat(100000)}}}`;
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const fields = [{ path: `variables.unused${'.0'.repeat(63)}`, message: 'nests deeper than 64 levels' }];
    expect([res.status, await res.json()]).toEqual([
      400,
      { errors: [{ message: `Invalid ${fields[0].path}: ${fields[0].message}`, extensions: { code: 'BAD_USER_INPUT', fields } }] },
    ]);
  });
});

describe("Apollo's own request errors", () => {
  it('a persisted-query hash that does not match the query is BAD_REQUEST (400), not INTERNAL_SERVER_ERROR', async () => {
    const body = JSON.stringify({ query: '{ authors { totalCount } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } });
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect([res.status, await res.json()]).toEqual([400, { errors: [{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }] }]);
  });
});
