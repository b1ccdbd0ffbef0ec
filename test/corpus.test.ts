import { writeFileSync } from 'node:fs';
import { startTestApp, type TestApp } from './helpers/app.js';
import { databaseChecksum } from './helpers/checksum.js';
import { loadQueryData } from './helpers/query-data.js';
import { codesOf, expectStillServing, LEAK, type GraphQLBody } from './helpers/response-checks.js';
import { isPlainGql, loadCorpus, type CorpusEntry } from './corpus/corpus.js';

// The bad-input corpus (test/corpus/*.json, see corpus/corpus.ts for the format). For every
// entry: its one status and one code (and for BAD_USER_INPUT the field blamed), no stack or SQL
// in the body, the server still answers, and the database is byte for byte what it was.
const corpus = loadCorpus();
let app: TestApp;
let checksum: string;
let editor: Record<string, string>;
const outcomes = new Map<string, number>();
// CORPUS_RECORD=<file>: also write what each entry got, to settle new entries from.
const recorded: Record<string, unknown> = {};

async function send(entry: CorpusEntry): Promise<{ status: number; text: string }> {
  if (isPlainGql(entry)) {
    const res = await app.gql(entry.body.query, entry.body.variables);
    return { status: res.status, text: JSON.stringify(res.body) };
  }
  // Sent byte for byte: no Authorization header unless the entry has one, or runs as an EDITOR.
  const headers: Record<string, string> = { ...(entry.as === 'EDITOR' ? editor : {}), ...entry.headers };
  if (entry.contentType !== null) headers['content-type'] = entry.contentType ?? 'application/json';
  const text =
    entry.bodyBase64 !== undefined
      ? undefined
      : typeof entry.body === 'string'
        ? entry.body
        : entry.body === undefined
          ? undefined
          : JSON.stringify(entry.body);
  // A Buffer, so fetch adds no content-type of its own.
  const body = entry.bodyBase64 !== undefined ? Buffer.from(entry.bodyBase64, 'base64') : text === undefined ? undefined : Buffer.from(text);
  const res = await fetch(`${app.url}/graphql${entry.search ?? ''}`, { method: entry.method ?? 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  app = await startTestApp();
  await loadQueryData(app);
  editor = await app.as('EDITOR');
  checksum = await databaseChecksum(app.pg);
});

afterAll(async () => {
  const summary = [...outcomes.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`);
  process.stdout.write(`\nBad-input corpus: ${corpus.length} requests\n  ${summary.join('\n  ')}\n`);
  if (process.env.CORPUS_RECORD) writeFileSync(process.env.CORPUS_RECORD, JSON.stringify(recorded, null, 1));
  await app?.close();
});

describe('bad-input corpus', () => {
  it('has at least 200 entries with unique labels, each expecting one answer', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpus.map((c) => c.label)).size).toBe(corpus.length);
    const loose = corpus.filter(
      ({ entry: { expect: e } }) =>
        typeof e.status !== 'number' || typeof e.code !== 'string' || (e.code === 'BAD_USER_INPUT') !== (typeof e.path === 'string'),
    );
    expect(loose.map((c) => c.label)).toEqual([]);
  });

  it('runs entries as an EDITOR and as anonymous too, not only as the admin', () => {
    expect(corpus.filter((c) => c.entry.as === 'EDITOR').length).toBeGreaterThanOrEqual(5);
    expect(corpus.filter((c) => c.entry.as === 'ANONYMOUS').length).toBeGreaterThanOrEqual(5);
  });

  it.each(corpus)('$label', async ({ label, entry }) => {
    const { status, text } = await send(entry);
    const body = (text ? JSON.parse(text) : {}) as GraphQLBody; // a CORS preflight answers with no body
    const codes = codesOf(body);
    const paths = (body.errors ?? []).flatMap((e) => ((e.extensions?.fields ?? []) as { path: string }[]).map((f) => f.path));
    recorded[label] = { status, codes, paths };
    expect({ status, codes }).toEqual({ status: entry.expect.status, codes: [entry.expect.code] });
    if (entry.expect.path !== undefined) expect(paths).toContain(entry.expect.path);
    if (entry.expect.data !== undefined) expect(body.data).toEqual(entry.expect.data);
    expect(text).not.toMatch(LEAK);
    for (const code of codes) outcomes.set(`${status} ${code}`, (outcomes.get(`${status} ${code}`) ?? 0) + 1);
    await expectStillServing(app, 5);
    expect(await databaseChecksum(app.pg)).toBe(checksum);
  });
});
