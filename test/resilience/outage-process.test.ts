import { freePort, start, waitForHealthy, type Running } from '../helpers/process.js';
import { stoppablePostgres, type StoppablePostgres } from '../helpers/pg-process.js';

// The same outage seen by the real server process (no jest realm in between): it stays up,
// answers SERVICE_UNAVAILABLE, recovers, and its stdout stays JSON lines. Reads only: after the
// sign-in work every mutation needs a token.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const QUERY = JSON.stringify({ query: '{ authors { totalCount } }' });
let pg: StoppablePostgres;
let run: Running;
let base: string;

beforeAll(async () => {
  pg = await stoppablePostgres();
  const port = await freePort();
  run = start(process.execPath, ['--import', 'tsx', 'src/main.ts'], { DATABASE_URL: pg.url, PORT: String(port), LOG_LEVEL: 'info' });
  base = `http://127.0.0.1:${port}`;
  await waitForHealthy(base, run);
}, 120000);
afterAll(async () => {
  run?.child.kill('SIGKILL');
  await pg?.destroy();
}, 60000);

async function code(): Promise<string> {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY });
  const body = (await res.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] };
  return `${res.status} ${body.errors ? body.errors.map((e) => e.extensions.code).join(',') : 'OK'}`;
}

describe('the server process through a database outage', () => {
  it('stays up, answers SERVICE_UNAVAILABLE fast, recovers without a restart, and logs only JSON lines', async () => {
    const before = await Promise.all(Array.from({ length: 8 }, code));
    await pg.stop();
    const during: string[] = [];
    const slowest: number[] = [];
    for (const until = Date.now() + 5000; Date.now() < until;) {
      const started = Date.now();
      during.push(...(await Promise.all(Array.from({ length: 4 }, code))));
      slowest.push(Date.now() - started);
      await sleep(100);
    }
    const ready = (await fetch(`${base}/readyz`)).status;
    await pg.start();
    const back = Date.now();
    let recoveredMs = -1;
    while (Date.now() - back < 5000) {
      if ((await code()) === '200 OK') {
        recoveredMs = Date.now() - back;
        break;
      }
      await sleep(50);
    }
    process.stdout.write(`\nReal-process outage: ${JSON.stringify({ during: during.length, slowestBatchMs: Math.max(...slowest), recoveredMs })}\n`);
    expect(new Set(before)).toEqual(new Set(['200 OK']));
    expect(new Set(during)).toEqual(new Set(['200 SERVICE_UNAVAILABLE']));
    expect(Math.max(...slowest)).toBeLessThan(3000);
    expect(ready).toBe(503);
    expect(recoveredMs).toBeGreaterThanOrEqual(0);
    expect(run.child.exitCode).toBeNull();
    const stdout = run.output().trim().split('\n');
    expect(stdout.filter((line) => !/^\{.*\}$/.test(line))).toEqual([]);
    expect(stdout.some((line) => line.includes('database unavailable'))).toBe(true);
  }, 120000);
});
