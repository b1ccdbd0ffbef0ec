import { createTestDatabase } from '../helpers/database.js';
import { startProductionServer, type Running } from '../helpers/process.js';

// Issue 13, finding 1: ~4,300 distinct documents of `#<968 KB comment>\n{ me { id } }` grew the
// heap to 4 GB and killed the process (parsed documents cached with their source text). Here
// 5,000 distinct ~60 KB documents (under the 64 KB cap, so they are parsed and cached) and 500
// over the cap go to the real server process in production mode, on both paths; the process's
// heap is read from /metrics as it goes. The old-space limit is set to 512 MB: without the fix
// the documents alone (5,000 x 60 KB, twice) would pass it.
const TOTAL = 5000;
const CONCURRENCY = 8;
const HEAP_BOUND = 160 * 1024 * 1024;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let run: Running;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ run, base } = await startProductionServer(database.url, ['--max-old-space-size=512']));
}, 120000);
afterAll(async () => {
  run?.child.kill('SIGKILL');
  await run?.exited;
  await database?.drop();
}, 60000);

async function heapUsed(): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(/^nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1]);
}

/** Request i: a distinct document; every 10th is over the cap; odd ones ask for graphql-response+json (Apollo), even ones are plain (compiled path first). */
async function send(i: number): Promise<string> {
  const over = i % 10 === 0;
  const query = i % 2 ? '{ me { id } }' : '{ books(limit: 1) { items { id } } }';
  const text = `#${i}:${'x'.repeat(over ? 70000 : 60000)}\n${query}`;
  const accept = i % 2 ? 'application/graphql-response+json' : 'application/json';
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query: text }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] };
  return `${res.status} ${body.errors ? body.errors.map((e) => e.extensions.code).join(',') : JSON.stringify(body.data)}`;
}

describe('bounded memory whatever the input', () => {
  it('5,000 distinct 60 KB documents and 500 over the cap: the heap stays under 160 MB and the process lives', async () => {
    const outcomes = new Map<string, number>();
    const heap: number[] = [await heapUsed()];
    let next = 1;
    const worker = async () => {
      for (let i = next++; i <= TOTAL + TOTAL / 10; i = next++) {
        const outcome = await send(i);
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        if (i % 250 === 0) heap.push(await heapUsed());
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    heap.push(await heapUsed());
    const mb = (n: number) => Math.round(n / 1024 / 1024);
    process.stdout.write(
      `\nBounded memory: ${JSON.stringify({ outcomes: Object.fromEntries(outcomes), heapMb: { start: mb(heap[0]), max: mb(Math.max(...heap)), end: mb(heap[heap.length - 1]) }, boundMb: mb(HEAP_BOUND) })}\n`,
    );
    expect(Object.fromEntries(outcomes)).toEqual({ '200 {"me":null}': 2750, '200 {"books":{"items":[]}}': 2200, '400 QUERY_TOO_COMPLEX': 550 });
    expect(Math.max(...heap)).toBeLessThan(HEAP_BOUND);
    expect(run.child.exitCode).toBeNull();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  }, 600000);
});
