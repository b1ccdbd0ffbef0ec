import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sha256 } from '../src/graphql/trusted-manifest.js';
import { startTestApp, type TestApp } from './helpers/app.js';

const AUTHORS = 'query AuthorTitles { authors(limit: 5) { totalCount items { name books { items { title } } } } }';
const CREATE = 'mutation NewStore($n: String!) { createStore(input: { name: $n }) { name } }';
// startTestApp signs its admin in with this free-form document: listed, so the default policy lets it run.
const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
const EXPECTED = { data: { authors: { totalCount: 1, items: [{ name: 'Ada', books: { items: [{ title: 'Notes' }] } }] } } };

const dir = mkdtempSync(path.join(tmpdir(), 'trusted-'));
const APOLLO_MANIFEST = path.join(dir, 'persisted-query-manifest.json');
const CODEGEN_MANIFEST = path.join(dir, 'persisted-documents.json');
writeFileSync(
  APOLLO_MANIFEST,
  JSON.stringify({
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: [
      { id: sha256(AUTHORS), name: 'AuthorTitles', type: 'query', body: AUTHORS },
      { id: sha256(LOGIN), name: '', type: 'mutation', body: LOGIN },
      { id: 'new-store-v1', name: 'NewStore', type: 'mutation', body: CREATE },
    ],
  }),
);
writeFileSync(CODEGEN_MANIFEST, JSON.stringify({ [sha256(AUTHORS)]: AUTHORS }));

async function post(app: TestApp, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { errors: { extensions: { code: string } }[] } };
}

/** `{labels} value` of a metric from the API's /metrics. */
async function metric(app: TestApp, name: string): Promise<string[]> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`))
    .map((l) => l.slice(name.length));
}

describe('TRUSTED_DOCUMENTS in production (free-form documents only when listed: the default)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: 'production', TRUSTED_DOCUMENTS: APOLLO_MANIFEST });
    await app.pg.query("INSERT INTO author (name, email) VALUES ('Ada', 'ada@example.com')");
    await app.pg.query("INSERT INTO book (title, author_id) SELECT 'Notes', id FROM author");
  });
  afterAll(() => app.close());

  it('runs a nested query by its Apollo id through the compiled path: one SQL statement', async () => {
    const before = await metric(app, 'graphql_sql_statements_per_request_sum');
    expect(before.filter((s) => s.includes('"query"'))).toEqual([]);
    const res = await post(app, { operationName: 'AuthorTitles', extensions: { persistedQuery: { version: 1, sha256Hash: sha256(AUTHORS) } } });
    expect(res).toEqual({ status: 200, body: EXPECTED });
    // x-sql-statements is hidden in production; the statements histogram shows the one statement.
    expect(await metric(app, 'graphql_sql_statements_per_request_sum')).toContain('{operation_type="query"} 1');
    expect(await metric(app, 'graphql_sql_statements_per_request_count')).toContain('{operation_type="query"} 1');
  });

  it('runs by documentId, over GET too, and runs a listed mutation by id', async () => {
    expect(await post(app, { documentId: `sha256:${sha256(AUTHORS)}` })).toEqual({ status: 200, body: EXPECTED });
    const get = await fetch(`${app.url}/graphql?documentId=${sha256(AUTHORS)}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect([get.status, await get.json()]).toEqual([200, EXPECTED]);
    const created = await post(app, { documentId: 'new-store-v1', variables: { n: 'Corner' } }, { authorization: `Bearer ${app.admin.token}` });
    expect(created).toEqual({ status: 200, body: { data: { createStore: { name: 'Corner' } } } });
  });

  it('refuses an unlisted free-form document and an unknown id with their codes, and writes nothing', async () => {
    const before = await app.snapshot();
    const freeForm = await post(app, { query: 'mutation { createStore(input: { name: "Sneaky" }) { id } }' }, { authorization: `Bearer ${app.admin.token}` });
    expect(freeForm).toEqual({
      status: 400,
      body: { errors: [{ message: 'This document is not one of the trusted documents', extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' } }] },
    });
    const unknown = await post(app, { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
    expect(unknown).toEqual({
      status: 400,
      body: { errors: [{ message: `No trusted document has the id "${'f'.repeat(64)}"`, extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] },
    });
    expect(await app.snapshot()).toEqual(before);
    expect(await metric(app, 'graphql_errors_total')).toEqual(
      expect.arrayContaining([
        '{code="PERSISTED_QUERY_NOT_IN_LIST",operation_name="anonymous"} 1',
        '{code="PERSISTED_QUERY_NOT_FOUND",operation_name="anonymous"} 1',
      ]),
    );
  });

  it('still runs a free-form document that is listed word for word', async () => {
    expect(await post(app, { query: AUTHORS })).toEqual({ status: 200, body: EXPECTED });
  });
});

describe('TRUSTED_DOCUMENTS_FREE_FORM=reject with a Code Generator manifest', () => {
  it('runs only by id: even a listed document sent as text is refused', async () => {
    const app = await startTestApp({ NODE_ENV: 'production', TRUSTED_DOCUMENTS: CODEGEN_MANIFEST, TRUSTED_DOCUMENTS_FREE_FORM: 'reject', ADMIN_EMAIL: '' });
    try {
      expect(await post(app, { documentId: sha256(AUTHORS) })).toEqual({ status: 200, body: { data: { authors: { totalCount: 0, items: [] } } } });
      const text = await post(app, { query: AUTHORS });
      expect([text.status, text.body.errors[0].extensions.code]).toEqual([400, 'PERSISTED_QUERY_ID_REQUIRED']);
    } finally {
      await app.close();
    }
  });
});

describe('npm run documents:register', () => {
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/documents-register.ts', ...args], { cwd: path.join(__dirname, '..') }).then(
      (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
    );

  it('validates a Code Generator manifest and writes it as an Apollo manifest the server loads', async () => {
    const out = path.join(dir, 'registered.json');
    const res = await run(CODEGEN_MANIFEST, '--out', out);
    expect(res).toEqual({
      code: 0,
      out: `ok query AuthorTitles ${sha256(AUTHORS)}\n1 trusted documents valid against the schema, written to ${out}\n`,
      err: '',
    });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: sha256(AUTHORS), name: 'AuthorTitles', type: 'query', body: AUTHORS }],
    });
  });

  it('fails, naming the operation, on a document the schema does not accept', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ abc: '{ authors { nope } }' }));
    const res = await run(bad);
    expect([res.code, res.err]).toEqual([1, `trusted documents ${bad}: abc: Cannot query field "nope" on type "AuthorPage".\n`]);
  });
});
