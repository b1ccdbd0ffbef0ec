// npm run bench:admission: issue 13's latency goal for cheap queries under an expensive flood, as
// ratios. A production server on its own embedded PostgreSQL (bench/.data/admission, 30,000 books,
// kept between runs) answers a cheap query alone, then while 10 over-budget and 10 at-budget
// clients keep sending (test/helpers/admission-flood.ts, the same driver as the resilience test,
// which asserts what must hold; the ratios live here because they depend on the machine).
// Env: BENCH_ROUNDS (default 3), BENCH_SAMPLES (cheap queries per phase, default 200), BENCH_PORT
// (PostgreSQL's port, default 47830), BENCH_OVER / BENCH_AT (attacking clients of each kind, default 10), BENCH_MANNERS (default "polite,rude": attackers that wait a 429's retryAfterSeconds, then ones that do not), BENCH_CPU_PROF=1 (the server writes a .cpuprofile to
// bench/results/prof), BENCH_SERVER_ENV (extra server settings, e.g. "EXPENSIVE_CONCURRENCY=2").
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REFUSAL_COOLDOWN_MS } from '../src/config.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { runSeed } from '../src/seeders/runner.js';
import { AT_COST, AT_TERMS, flood, type FloodResult } from '../test/helpers/admission-flood.js';
import { startProductionServer } from '../test/helpers/process.js';
import { withClient } from './db.js';

const VOLUME = { authors: 2000, books: 30000, stores: 50 };
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const PORT = Number(process.env.BENCH_PORT ?? 47830);
const OVER_CLIENTS = Number(process.env.BENCH_OVER ?? 10);
const AT_CLIENTS = Number(process.env.BENCH_AT ?? 10);
/** Attackers that wait retryAfterSeconds when told TOO_MANY_REQUESTS, and attackers that send again at once. */
const MANNERS = (process.env.BENCH_MANNERS ?? 'polite,rude').split(',');
// The production default of the refusal cooldown, which the test helpers turn off.
const SERVER_ENV: Record<string, string> = {
  REFUSAL_COOLDOWN_MS: String(REFUSAL_COOLDOWN_MS),
  ...Object.fromEntries(
    (process.env.BENCH_SERVER_ENV ?? '')
      .split(',')
      .filter(Boolean)
      .map((kv) => kv.split('=')),
  ),
};
const log = (text: string) => process.stdout.write(`${text}\n`);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
const ratio = (a: number, b: number) => +(a / b).toFixed(2);

async function main(): Promise<void> {
  const db = await startEmbeddedPostgres({ dataDir: path.join(__dirname, '.data', 'admission'), port: PORT, database: 'admission' });
  const profDir = path.join(__dirname, 'results', 'prof');
  const rows: string[] = [];
  try {
    const books = await withClient(db.url, (c) => c.query<{ n: number }>('SELECT count(*)::int AS n FROM book').then((r) => r.rows[0].n)).catch(() => 0);
    if (books !== VOLUME.books) {
      log(`seeding ${VOLUME.books} books ...`);
      await withClient(db.url, (c) => c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public'));
      await runSeed({ url: db.url, volume: VOLUME });
      await withClient(db.url, (c) => c.query('VACUUM ANALYZE'));
    }
    if (process.env.BENCH_CPU_PROF) mkdirSync(profDir, { recursive: true });
    const { run, base } = await startProductionServer(db.url, process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [], SERVER_ENV);
    try {
      for (const [manners, round] of MANNERS.flatMap((m) => Array.from({ length: ROUNDS }, (_, i) => [m, i + 1] as const))) {
        const before = load();
        const r: FloodResult = await flood(base, { samples: SAMPLES, over: OVER_CLIENTS, at: AT_CLIENTS, rude: manners === 'rude' });
        const unavailable = Object.entries(r.outcomes)
          .filter(([k]) => k.includes('SERVICE_UNAVAILABLE'))
          .reduce((n, [, v]) => n + v, 0);
        const refused = Object.entries(r.outcomes)
          .filter(([k]) => k.includes(' 429 '))
          .reduce((n, [, v]) => n + v, 0);
        const row = `| ${manners} | ${round} | ${r.idle.p50} / ${r.idle.p99} | ${r.attack.p50} / ${r.attack.p99} | ${ratio(r.attack.p50, r.idle.p50)}× / ${ratio(r.attack.p99, r.idle.p99)}× | ${unavailable} | ${Math.round(refused / r.attackSeconds)} | ${before} → ${load()} | ${JSON.stringify(r.outcomes).replace(/\|/g, '/')} |`;
        log(row);
        rows.push(row);
      }
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  } finally {
    await db.stop();
  }
  const md = [
    '# Admission by cost: a cheap query under an expensive flood (`npm run bench:admission`)',
    '',
    `Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}; server, PostgreSQL and the load generator share these cores (and whatever else runs: see the load average).`,
    `Data: ${VOLUME.books} books, ${VOLUME.authors} authors, ${VOLUME.stores} stores (volume seed + VACUUM ANALYZE). Server: NODE_ENV=production, defaults with ${JSON.stringify(SERVER_ENV)}.`,
    `Cheap: \`{ books(limit: 1) { items { id } } }\`, ${SAMPLES} in a row, alone (idle) then under attack: 10 clients sending an over-budget filter (50 × 50 \`contains\`) and 10 sending one at the budget (${AT_TERMS} \`contains\` of 78 characters, cost ${AT_COST} of 5,000), each as fast as answered: *polite* attackers wait the retryAfterSeconds of a 429, *rude* ones send again at once (the server holds each 429 for the rest of the client's wait, REFUSAL_HOLD_MS).`,
    'Goal (issue 13): p50 within 2× and p99 within 5× of idle, no SERVICE_UNAVAILABLE.',
    '',
    '| attackers | round | idle p50 / p99 ms | under attack p50 / p99 ms | ratio p50 / p99 | SERVICE_UNAVAILABLE | 429 per second | load average 1/5/15 min, before → after | outcomes |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  writeFileSync(path.join(__dirname, 'results', 'admission.md'), md);
  log('written to bench/results/admission.md');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:admission failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
