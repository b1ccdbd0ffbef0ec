// BENCH_REPLICA=1 npm run bench: where the API's reads go with one streaming replica. A primary and a
// replica (test/helpers/pg-replication.ts), the volume seed, the API with DATABASE_REPLICA_URLS, then
// each read shape (BENCH_SHAPES, default 1,2,4,5a) for BENCH_DURATION s, reporting statements per
// request on each server from its own pg_stat_statements. Writes bench/results/replica.md.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { replicatedPostgres } from '../test/helpers/pg-replication.js';
import { startProductionServer } from '../test/helpers/process.js';
import { loadVolume } from './db.js';
import { measure } from './measure.js';
import { POOL_MAX } from './servers.js';
import { shapes as allShapes } from './shapes.js';

const STATS = `SELECT coalesce(sum(calls), 0)::float8 AS "calls", coalesce(sum(total_exec_time), 0)::float8 AS "ms" FROM pg_stat_statements
  WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'
  AND query NOT ILIKE '%pg_last_wal_replay_lsn%' AND query NOT ILIKE '%pg_current_wal_lsn%' AND query NOT ILIKE '%pg_current_snapshot%'`;

export async function replicaBench(duration: number): Promise<void> {
  const pgs = await replicatedPostgres();
  const primary = new pg.Client({ connectionString: pgs.primaryUrl });
  const replica = new pg.Client({ connectionString: pgs.replicaUrl });
  let api: Awaited<ReturnType<typeof startProductionServer>> | undefined;
  try {
    await loadVolume(pgs.primaryUrl);
    api = await startProductionServer(pgs.primaryUrl, [], { DATABASE_REPLICA_URLS: pgs.replicaUrl, DB_POOL_MAX: POOL_MAX, MIGRATE_ON_START: 'false' });
    await primary.connect();
    await replica.connect();
    const { rows: pairs } = await primary.query<{ b: number; s: number }>(
      'SELECT "book_id" AS "b", "store_id" AS "s" FROM "inventory" ORDER BY random() LIMIT 500',
    );
    const only = (process.env.BENCH_SHAPES ?? '1,2,4,5a').split(',');
    const server = { name: 'api' as const, url: api.base, pid: api.run.child.pid!, stop: async () => undefined };
    const lines = ['| shape | req/s | errors | SQL/req on primary | SQL/req on replica | DB ms/req primary / replica |', '|---|---:|---:|---:|---:|---|'];
    for (const shape of allShapes({ pairs: pairs.map((p) => [p.b, p.s]) }).filter((s) => only.includes(s.id))) {
      await replica.query('SELECT pg_stat_statements_reset()');
      const m = await measure(server, shape, duration, primary, {}); // resets and reads the primary's counts
      const [r] = (await replica.query<{ calls: number; ms: number }>(STATS)).rows;
      const [p] = (await primary.query<{ calls: number; ms: number }>(STATS)).rows;
      const total = Math.max(1, m.requests);
      const line = `| ${shape.id}. ${shape.title} | ${m.rps.toFixed(0)} | ${m.errors} | ${(p.calls / total).toFixed(2)} | ${(r.calls / total).toFixed(2)} | ${(p.ms / total).toFixed(2)} / ${(r.ms / total).toFixed(2)} |`;
      process.stdout.write(`${line}\n`);
      lines.push(line);
    }
    const text = `# Reads with one replica (BENCH_REPLICA=1, ${new Date().toISOString()})\n\nOne API instance, DATABASE_REPLICA_URLS = one streaming replica on this machine; ${duration} s per shape, autocannon 10 connections; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores at the end (other work on the machine lowers req/s, not where statements go).\nStatements counted by pg_stat_statements on each server (health polls, LSN checks and the subscription poller left out).\n\n${lines.join('\n')}\n`;
    writeFileSync(path.join(__dirname, 'results', 'replica.md'), text);
  } finally {
    api?.run.child.kill('SIGTERM');
    await primary.end().catch(() => undefined);
    await replica.end().catch(() => undefined);
    await pgs.destroy();
  }
}
