// npm run bench:ab -- <git-rev>: our API at <git-rev> (A0) against the working tree (A1), same data,
// alternating A0 A1 A0 A1 ... on each shape, so machine noise hits both alike. Reuses bench/.data
// as `npm run bench` left it. Env: BENCH_SHAPES, BENCH_DURATION (default 5), BENCH_ROUNDS (default 3),
// BENCH_AB_AGAINST=<git-rev> to measure that revision instead of the working tree (bisecting).
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startBenchDatabase } from './db.js';
import { measure } from './measure.js';
import { startApi, type Server } from './servers.js';
import { shapes as allShapes } from './shapes.js';

const root = path.resolve(__dirname, '..');
const rev = process.argv[2] ?? 'HEAD';
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 47810);

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-ab-'));
  execSync(`git archive ${rev} | tar -x -C ${dir}`, { cwd: root });
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  const against = process.env.BENCH_AB_AGAINST;
  const otherDir = against ? mkdtempSync(path.join(os.tmpdir(), 'bench-ab-')) : root;
  if (against) {
    execSync(`git archive ${against} | tar -x -C ${otherDir}`, { cwd: root });
    symlinkSync(path.join(root, 'node_modules'), path.join(otherDir, 'node_modules'));
  }
  const otherName = against ?? 'working tree';
  const db = await startBenchDatabase(PORT);
  const servers: Server[] = [];
  const stats = new pg.Client({ connectionString: db.url });
  try {
    servers.push(await startApi(db.url, PORT + 4, [], dir), await startApi(db.url, PORT + 5, [], otherDir));
    await stats.connect();
    const { rows: pairs } = await stats.query<{ b: number; s: number }>(
      'SELECT "book_id" AS "b", "store_id" AS "s" FROM "inventory" ORDER BY random() LIMIT 5000',
    );
    const only = process.env.BENCH_SHAPES?.split(',');
    for (const shape of allShapes({ pairs: pairs.map((p) => [p.b, p.s]) }).filter((s) => !only || only.includes(s.id))) {
      for (const s of servers) await measure(s, shape, 2, stats, {});
      const sums = [
        { rps: 0, cpu: 0, p99: 0 },
        { rps: 0, cpu: 0, p99: 0 },
      ];
      for (let r = 0; r < ROUNDS; r++) {
        for (const [i, s] of servers.entries()) {
          const m = await measure(s, shape, DURATION, stats, {});
          sums[i].rps += m.rps / ROUNDS;
          sums[i].cpu += m.cpuMsPerRequest / ROUNDS;
          sums[i].p99 += m.p99 / ROUNDS;
        }
      }
      const [a, b] = sums;
      process.stdout.write(
        `shape ${shape.id.padEnd(3)} ${rev}: ${a.rps.toFixed(0)} req/s ${a.cpu.toFixed(2)} CPU ms/req p99 ${a.p99.toFixed(0)} ms | ${otherName}: ${b.rps.toFixed(0)} req/s ${b.cpu.toFixed(2)} CPU ms/req p99 ${b.p99.toFixed(0)} ms | req/s x${(b.rps / a.rps).toFixed(2)}, CPU/req x${(b.cpu / a.cpu).toFixed(2)}\n`,
      );
    }
  } finally {
    await stats.end().catch(() => undefined);
    for (const s of servers) await s.stop();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
    if (against) rmSync(otherDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:ab failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
