// One autocannon run of one shape against one server, with SQL statement counts and RSS.
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import type { Server } from './servers.js';
import { serverShape, type Shape } from './shapes.js';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: object) => Promise<AutocannonResult>;

interface AutocannonResult {
  requests: { average: number; total: number; sent?: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  statementsPerRequest: number;
  dbMsPerRequest: number;
  maxRssMb: number;
  /** CPU time the server process spent per request (user + system): robust to a busy machine. */
  cpuMsPerRequest: number;
}

/** utime + stime of a process in ms (Linux clock ticks are 10 ms). */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

const STATS = `SELECT coalesce(sum(calls), 0)::float8 AS "calls", coalesce(sum(total_exec_time), 0)::float8 AS "ms" FROM pg_stat_statements
  WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%' AND query NOT ILIKE '%pg_stat_activity%'
  AND query NOT ILIKE '%pg_current_snapshot%'`; // the subscription poller's background statement (src/subscriptions/poller.ts), not a request's

/** Waits until no other backend is running a statement, so a slow run cannot spill into the next. */
export async function waitForQuiet(stats: pg.Client, maxSeconds = 60): Promise<void> {
  const deadline = Date.now() + maxSeconds * 1000;
  while (Date.now() < deadline) {
    const { rows } = await stats.query<{ n: number }>(
      `SELECT count(*)::int AS "n" FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    if (rows[0].n === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function measure(server: Server, shape: Shape, seconds: number, stats: pg.Client, headers: Record<string, string>): Promise<Measurement> {
  const spec = serverShape(shape, server.name);
  if (!spec) throw new Error(`shape ${shape.id} has no request for ${server.name}`);
  let bodyErrors = 0;
  let maxRss = rssMb(server.pid);
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, rssMb(server.pid));
  }, 200);
  await waitForQuiet(stats);
  await stats.query('SELECT pg_stat_statements_reset()');
  const cpuBefore = cpuMs(server.pid);
  const result = await autocannon({
    url: server.url,
    connections: 10,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        setupRequest: (req: object) => ({ ...req, ...spec.request(shape.vars()) }),
        onResponse: (status: number, body: string) => {
          if (status < 300 && body.includes('"errors"')) bodyErrors++;
        },
      },
    ],
  });
  clearInterval(sampler);
  await waitForQuiet(stats);
  const cpu = cpuMs(server.pid) - cpuBefore;
  const { rows } = await stats.query<{ calls: number; ms: number }>(STATS);
  // In-flight requests finish (and run their SQL) after autocannon stops: count them too.
  const total = Math.max(1, result.requests.sent ?? result.requests.total);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.non2xx + result.errors + result.timeouts + bodyErrors,
    statementsPerRequest: rows[0].calls / total,
    dbMsPerRequest: rows[0].ms / total,
    maxRssMb: maxRss,
    cpuMsPerRequest: cpu / total,
  };
}
