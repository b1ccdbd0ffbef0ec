// One autocannon run of one shape against one server, with SQL statement counts and RSS.
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import type { Server } from './servers.js';
import type { Shape } from './shapes.js';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: object) => Promise<AutocannonResult>;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number; errors: number; timeouts: number;
}

export interface Measurement {
  rps: number; p50: number; p99: number; requests: number; errors: number;
  statementsPerRequest: number; dbMsPerRequest: number; maxRssMb: number;
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
  WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'`;

export async function measure(server: Server, shape: Shape, seconds: number, stats: pg.Client, headers: Record<string, string>): Promise<Measurement> {
  const spec = shape.servers[server.name];
  let bodyErrors = 0;
  let maxRss = rssMb(server.pid);
  const sampler = setInterval(() => { maxRss = Math.max(maxRss, rssMb(server.pid)); }, 200);
  await stats.query('SELECT pg_stat_statements_reset()');
  const result = await autocannon({
    url: server.url,
    connections: 10,
    duration: seconds,
    requests: [{
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      setupRequest: (req: object) => ({ ...req, ...spec.request(shape.vars()) }),
      onResponse: (status: number, body: string) => { if (status < 300 && body.includes('"errors"')) bodyErrors++; },
    }],
  });
  clearInterval(sampler);
  const { rows } = await stats.query<{ calls: number; ms: number }>(STATS);
  const total = Math.max(1, result.requests.total);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.non2xx + result.errors + result.timeouts + bodyErrors,
    statementsPerRequest: rows[0].calls / total,
    dbMsPerRequest: rows[0].ms / total,
    maxRssMb: maxRss,
  };
}
