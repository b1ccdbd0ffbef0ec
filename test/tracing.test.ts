import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing, type StopTracing } from '../src/observability/tracing.js';
import { startTestApp, type TestApp } from './helpers/app.js';

interface Node {
  name: string;
  attributes?: Record<string, unknown>;
  children: Node[];
}

const exporter = new InMemorySpanExporter();
let stop: StopTracing;
let compiled: TestApp;
let resolvers: TestApp;
let bookId: string;

beforeAll(async () => {
  stop = startTracing({ serviceName: 'bookstore-test' }, exporter);
  compiled = await startTestApp();
  resolvers = await startTestApp({}, { compiledQueries: false });
  for (const app of [compiled, resolvers]) {
    const author = await app.gql<{ createAuthor: { id: string } }>('mutation { createAuthor(input: { name: "Ada", email: "ada@example.com" }) { id } }');
    const book = await app.gql<{ createBook: { id: string } }>('mutation($a: ID!) { createBook(input: { title: "Notes", authorId: $a }) { id } }', {
      a: author.body.data!.createAuthor.id,
    });
    bookId = book.body.data!.createBook.id;
  }
}, 180_000); // two servers on two fresh databases: slow on a loaded machine
afterAll(async () => {
  await compiled?.close();
  await resolvers?.close();
  await stop?.();
});

/** The server span of the trace; it ends when the response closes, just after the client has read it. */
async function serverSpan(traceId: string): Promise<ReadableSpan> {
  for (;;) {
    const root = exporter.getFinishedSpans().find((s) => s.spanContext().traceId === traceId && s.kind === SpanKind.SERVER);
    if (root) return root;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The spans of one request as a tree, children in start order. */
async function requestTree(traceId: string): Promise<Node> {
  const root = await serverSpan(traceId);
  const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  const byParent = new Map<string | undefined, ReadableSpan[]>();
  for (const s of spans) byParent.set(s.parentSpanContext?.spanId, [...(byParent.get(s.parentSpanContext?.spanId) ?? []), s]);
  const build = (s: ReadableSpan): Node => ({
    name: s.name,
    attributes: s.attributes,
    children: (byParent.get(s.spanContext().spanId) ?? []).sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]).map(build),
  });
  return build(root);
}

/** Sends `query` as a child of a caller's span, W3C `traceparent`, and returns the caller's trace id. */
async function tracedRequest(app: TestApp, query: string): Promise<{ traceId: string; parent: string; body: unknown }> {
  const traceId = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const parent = '00f067aa0ba902b7';
  const res = await app.gql(query, undefined, { traceparent: `00-${traceId}-${parent}-01` });
  return { traceId, parent, body: res.body };
}

const sqlOf = (n: Node): unknown => n.attributes?.['db.query.text'];
const names = (n: Node): unknown => ({ [n.name]: n.children.map(names) });

describe('tracing with an in-memory exporter', () => {
  const NESTED = '{ authors { items { name books { items { title } } } } }';

  it('continues the caller trace: the server span is the child of its traceparent', async () => {
    const { traceId, parent } = await tracedRequest(compiled, NESTED);
    const root = await serverSpan(traceId);
    expect(root.parentSpanContext?.spanId).toBe(parent);
    expect(root.attributes).toEqual(
      expect.objectContaining({ 'http.request.method': 'POST', 'http.route': 'POST /graphql', 'http.response.status_code': 200 }),
    );
  });

  it('a nested query on the compiled path: request > compiled > one SELECT, its text without values', async () => {
    const { traceId, body } = await tracedRequest(compiled, '{ authors(filter: { name: { eq: "Ada" } }) { items { name books { items { title } } } } }');
    expect(body).toEqual({ data: { authors: { items: [{ name: 'Ada', books: { items: [{ title: 'Notes' }] } }] } } });
    const tree = await requestTree(traceId);
    expect(names(tree)).toEqual({ 'POST /graphql': [{ 'graphql.compiled': [{ SELECT: [] }] }] });
    const sql = String(sqlOf(tree.children[0].children[0]));
    expect(sql).toMatch(/^select /i);
    expect(sql).not.toContain('Ada');
  });

  it('a nested query through the resolvers: parse, validate, and each DataLoader batch with its SELECT', async () => {
    const { traceId, body } = await tracedRequest(resolvers, `{ book(id: "${bookId}") { title author { name bookCount } } }`);
    expect(body).toEqual({ data: { book: { title: 'Notes', author: { name: 'Ada', bookCount: 1 } } } });
    const tree = await requestTree(traceId);
    expect(names(tree)).toEqual({
      // book(id) by the byId loader (its author joined in the same statement), then author.bookCount by a count loader.
      'POST /graphql': [{ 'graphql.parse': [] }, { 'graphql.validate': [] }, { 'graphql.batch': [{ SELECT: [] }] }, { 'graphql.batch': [{ SELECT: [] }] }],
    });
    expect(tree.children.slice(2).map((c) => c.attributes?.['graphql.batch.size'])).toEqual([1, 1]);
  });

  it('a mutation: parse, validate and its SQL statements', async () => {
    const { traceId, body } = await tracedRequest(resolvers, 'mutation { createStore(input: { name: "Traced" }) { name } }');
    expect(body).toEqual({ data: { createStore: { name: 'Traced' } } });
    const tree = await requestTree(traceId);
    // The store and its audit entry: one data-modifying CTE (src/services/write-sql.ts), its values bound.
    expect(names(tree)).toEqual({ 'POST /graphql': [{ 'graphql.parse': [] }, { 'graphql.validate': [] }, { WITH: [] }] });
    const [write] = tree.children.filter((c) => c.name === 'WITH').map(sqlOf);
    expect(write).toMatch(/^WITH /);
    expect(write).toContain('INSERT INTO "store"');
    expect(write).toContain('INSERT INTO "audit_entry"');
    expect(write).not.toContain('Traced');
  });
});
