import { connect } from 'node:net';
import { Client } from 'pg';
import { createTestDatabase } from '../helpers/database.js';
import { loadQueryDataInto } from '../helpers/query-data.js';
import { freePort, start, waitForHealthy, type Running } from '../helpers/process.js';

// SIGTERM to the real server process while it serves steady load and while ten requests wait
// behind a table lock. Reads only: after the sign-in work every mutation needs a token.
const MAIN = ['--import', 'tsx', 'src/main.ts'];
const QUERY = JSON.stringify({ query: '{ books(limit: 3) { totalCount items { title author { name } } } }' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Result {
  start: number;
  end: number;
  outcome: string;
}

async function post(base: string): Promise<string> {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY });
  const body = (await res.json()) as { data?: { books?: { totalCount: number } } };
  return res.status === 200 && body.data?.books?.totalCount === 8 ? 'OK' : `HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`;
}

async function timed(base: string): Promise<Result> {
  const startAt = Date.now();
  const outcome = await post(base).catch((err: Error) => `FAILED ${(err.cause as { code?: string })?.code ?? err.message}`);
  return { start: startAt, end: Date.now(), outcome };
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

async function waitForLockWaiters(pg: Client, count: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const { rows } = await pg.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'bookstore-api' AND wait_event_type = 'Lock'");
    if (rows[0].n >= count) return;
    await sleep(20);
  }
  throw new Error(`fewer than ${count} requests ever waited for the lock`);
}

async function boot(env: Record<string, string>): Promise<{ run: Running; base: string; port: number; pg: Client; drop: () => Promise<void> }> {
  const db = await createTestDatabase();
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  await loadQueryDataInto(pg);
  const port = await freePort();
  const run = start(process.execPath, MAIN, { DATABASE_URL: db.url, PORT: String(port), LOG_LEVEL: 'warn', ...env });
  const base = `http://127.0.0.1:${port}`;
  await waitForHealthy(base, run);
  return { run, base, port, pg, drop: async () => (await pg.end(), await db.drop()) };
}

describe('graceful shutdown', () => {
  it('SIGTERM under load: in-flight requests complete (0 dropped), new connections are refused, exit 0 within the drain timeout', async () => {
    // A pool of 10, so that more requests than the 8 load workers can hold a connection at once.
    const { run, base, port, pg, drop } = await boot({ SHUTDOWN_TIMEOUT_MS: '10000', DB_POOL_MAX: '10' });
    let sigterm = Number.POSITIVE_INFINITY;
    try {
      const results: Result[] = [];
      const worker = async () => {
        while (Date.now() < sigterm) results.push(await timed(base));
      };
      const workers = Array.from({ length: 8 }, worker);
      await sleep(1500);
      await pg.query('BEGIN');
      await pg.query('LOCK TABLE book IN ACCESS EXCLUSIVE MODE');
      const blocked = Array.from({ length: 10 }, () => timed(base));
      // 18 requests share the pool of 10 with their COUNT statements: at least 8 of them wait on the lock.
      await waitForLockWaiters(pg, 8);

      sigterm = Date.now();
      process.kill(run.child.pid!, 'SIGTERM');
      await sleep(300);
      const refused = await refusesConnections(port);
      await sleep(1200);
      await pg.query('ROLLBACK');
      const blockedResults = await Promise.all(blocked);
      await Promise.all(workers);
      const exitCode = await run.exited;
      const exitMs = Date.now() - sigterm;

      const inFlight = results.filter((r) => r.end > sigterm);
      const dropped = [...results, ...blockedResults].filter((r) => r.start < sigterm && r.outcome !== 'OK');
      process.stdout.write(
        `\nShutdown figures: ${JSON.stringify({ requests: results.length + blockedResults.length, inFlightAtSigterm: inFlight.length + blockedResults.length, dropped: dropped.length, exitMs, exitCode, refused })}\n`,
      );
      expect(dropped).toEqual([]);
      expect(blockedResults.map((r) => r.outcome)).toEqual(Array(10).fill('OK'));
      expect(blockedResults.every((r) => r.end >= sigterm + 1500)).toBe(true);
      expect(refused).toBe(true);
      expect(exitCode).toBe(0);
      expect(exitMs).toBeLessThan(10000);
      expect(run.output()).not.toMatch(/"level":(50|60)/);
    } finally {
      sigterm = Math.min(sigterm, Date.now()); // stops the load workers when the test failed early
      run.child.kill('SIGKILL');
      await drop();
    }
  }, 90000);

  it('a request that outlives SHUTDOWN_TIMEOUT_MS is cut off and the process still exits 0 on time', async () => {
    const { run, base, pg, drop } = await boot({ SHUTDOWN_TIMEOUT_MS: '1500' });
    try {
      await pg.query('BEGIN');
      await pg.query('LOCK TABLE book IN ACCESS EXCLUSIVE MODE');
      const stuck = timed(base);
      await waitForLockWaiters(pg, 1);
      const sigterm = Date.now();
      process.kill(run.child.pid!, 'SIGTERM');
      const exitCode = await run.exited;
      const exitMs = Date.now() - sigterm;
      await pg.query('ROLLBACK');
      expect((await stuck).outcome).toMatch(/^FAILED/);
      expect(exitCode).toBe(0);
      expect(exitMs).toBeGreaterThanOrEqual(1500);
      expect(exitMs).toBeLessThan(4000);
    } finally {
      run.child.kill('SIGKILL');
      await drop();
    }
  }, 90000);
});
