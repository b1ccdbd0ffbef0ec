import { startTestApp, type TestApp } from './helpers/app.js';
import { databaseChecksum } from './helpers/checksum.js';
import { loadQueryData } from './helpers/query-data.js';
import { codesOf, expectStillServing, LEAK, type GraphQLBody } from './helpers/response-checks.js';
import { isPlainGql, loadCorpus, type CorpusEntry } from './corpus/corpus.js';

// The bad-input corpus (test/corpus/*.json, see corpus/corpus.ts for the format). For every
// entry: no 5xx, an allowed status and code, no stack or SQL in the body, the server still
// answers, and the database is byte for byte what it was.
const corpus = loadCorpus();
let app: TestApp;
let checksum: string;
const outcomes = new Map<string, number>();

async function send(entry: CorpusEntry): Promise<{ status: number; text: string }> {
  if (isPlainGql(entry)) {
    const res = await app.gql(entry.body.query, entry.body.variables);
    return { status: res.status, text: JSON.stringify(res.body) };
  }
  const headers: Record<string, string> = { ...entry.headers };
  if (entry.contentType !== null) headers['content-type'] = entry.contentType ?? 'application/json';
  const text = entry.bodyBase64 !== undefined ? undefined : typeof entry.body === 'string' ? entry.body : entry.body === undefined ? undefined : JSON.stringify(entry.body);
  // A Buffer, so fetch adds no content-type of its own.
  const body = entry.bodyBase64 !== undefined ? Buffer.from(entry.bodyBase64, 'base64') : text === undefined ? undefined : Buffer.from(text);
  const res = await fetch(`${app.url}/graphql${entry.search ?? ''}`, { method: entry.method ?? 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  app = await startTestApp();
  await loadQueryData(app);
  checksum = await databaseChecksum(app.pg);
});

afterAll(async () => {
  const summary = [...outcomes.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`);
  process.stdout.write(`\nBad-input corpus: ${corpus.length} requests\n  ${summary.join('\n  ')}\n`);
  await app?.close();
});

describe('bad-input corpus', () => {
  it('has at least 200 entries with unique labels', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpus.map((c) => c.label)).size).toBe(corpus.length);
  });

  it.each(corpus)('$label', async ({ entry }) => {
    const { status, text } = await send(entry);
    expect(status).toBeLessThan(500);
    if (entry.expect.status) expect(entry.expect.status).toContain(status);
    const body = (text ? JSON.parse(text) : {}) as GraphQLBody; // a CORS preflight answers with no body
    const codes = codesOf(body);
    for (const code of codes) expect(entry.expect.code).toContain(code);
    if (entry.expect.data !== undefined) expect(body.data).toEqual(entry.expect.data);
    expect(text).not.toMatch(LEAK);
    for (const code of codes) outcomes.set(`${status} ${code}`, (outcomes.get(`${status} ${code}`) ?? 0) + 1);
    await expectStillServing(app, 5);
    expect(await databaseChecksum(app.pg)).toBe(checksum);
  });
});
