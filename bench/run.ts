// npm run bench: our API (A) vs PostGraphile (B) vs the SQL floor (C) on the volume seed.
// Env: BENCH_DURATION (s per run, default 6), BENCH_WARMUP (s, default 2), BENCH_ROUNDS (default 3),
// BENCH_SHAPES (e.g. "1,3"; the API-only client variants are "3ac", "3me", ...), BENCH_SERVERS (e.g.
// "api" for a smoke run without the peer and the floor; "api,peer,floor" without B+a, the audited peer of the
// write shapes, bench/peer-audit.ts), BENCH_REUSE_DATA=1 (skip the reload), BENCH_CPU_PROF=1 (API writes a .cpuprofile to bench/results/prof),
// BENCH_REPLICA=1 (instead: where reads go with one streaming replica, bench/replica.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadVolume, startBenchDatabase, VOLUME } from './db.js';
import { deepCursors } from './deep-cursors.js';
import { isDeepStrictEqual } from 'node:util';
import { measure, type Measurement } from './measure.js';
import { installPeerAudit, peerAuditUrl } from './peer-audit.js';
import { replicaBench } from './replica.js';
import { renderApiOnly, renderTable, type Results } from './report.js';
import { call, sanityCheck } from './sanity.js';
import { ADMIN, peerNode, POOL_MAX, startApi, startFloor, startPeer, type Server } from './servers.js';
import { apiVariants, serverShape, shapes as allShapes, type ApiVariant, type ServerName, type Shape } from './shapes.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const DURATION = env('BENCH_DURATION', 6);
const WARMUP = env('BENCH_WARMUP', 2);
const ROUNDS = env('BENCH_ROUNDS', 3); // p99 over 2 rounds of 6 s moved by ±3 ms between runs
const PORT = env('BENCH_PORT', 47810);
const log = (text: string) => process.stdout.write(`${text}\n`);

const ONLY_SERVERS = process.env.BENCH_SERVERS?.split(',') as ServerName[] | undefined;
const wanted = (name: ServerName) => !ONLY_SERVERS || ONLY_SERVERS.includes(name);

function ensurePeerInstalled(): void {
  try {
    peerNode();
  } catch {
    log('installing bench/peer (PostGraphile + Node 22) ...');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: path.join(__dirname, 'peer'), stdio: 'inherit' });
  }
}

/** Headers for our API's mutations: a Bearer token once setStock answers UNAUTHENTICATED. */
async function apiHeaders(api: Server, pair: [number, number]): Promise<Record<string, string>> {
  const probe = await call(api, {
    path: '/graphql',
    body: JSON.stringify({ query: `mutation { setStock(storeId: "${pair[1]}", bookId: "${pair[0]}", quantity: 1) { quantity } }` }),
  });
  if (!probe.errors?.some((e: { extensions?: { code?: string } }) => e.extensions?.code === 'UNAUTHENTICATED')) return {};
  const login = await call(api, {
    path: '/graphql',
    body: JSON.stringify({
      query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
      variables: { e: ADMIN.email, p: ADMIN.password },
    }),
  });
  if (!login.data?.login?.token) throw new Error(`setStock needs a token but login failed: ${JSON.stringify(login.errors)}`);
  log('API mutations: signed in, sending Authorization: Bearer');
  return { authorization: `Bearer ${login.data.login.token}` };
}

async function main(): Promise<void> {
  if (process.env.BENCH_REPLICA) return replicaBench(DURATION);
  const started = Date.now();
  if (wanted('peer')) ensurePeerInstalled();
  const db = await startBenchDatabase(PORT).catch((err: unknown) => {
    throw new Error(`could not start PostgreSQL on port ${PORT} in bench/.data (is another bench still running? BENCH_PORT moves it): ${String(err)}`);
  });
  const servers: Server[] = [];
  const stats = new pg.Client({ connectionString: db.url });
  try {
    // BENCH_REUSE_DATA=1: a smoke run on the data a previous run left (writes included), without the 70 s reload.
    if (!process.env.BENCH_REUSE_DATA) await loadVolume(db.url);
    const profDir = path.join(__dirname, 'results', 'prof');
    if (process.env.BENCH_CPU_PROF) mkdirSync(profDir, { recursive: true });
    servers.push(await startApi(db.url, PORT + 1, process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []));
    if (wanted('peer')) servers.push(await startPeer(db.url, PORT + 2));
    if (wanted('floor')) servers.push(await startFloor(db.url, PORT + 3));
    await stats.connect();
    const { rows: pairs } = await stats.query<{ b: number; s: number }>(
      'SELECT "book_id" AS "b", "store_id" AS "s" FROM "inventory" ORDER BY random() LIMIT 5000',
    );
    const only = process.env.BENCH_SHAPES?.split(',');
    const everyShape = allShapes({ pairs: pairs.map((p) => [p.b, p.s]), deep: await deepCursors(stats, servers) });
    const shapes = everyShape.filter((s) => !only || only.includes(s.id));
    const variants = apiVariants(everyShape).filter((v) => !only || only.includes(v.id));
    // The write shapes also run against PostGraphile with an audit entry per row (peer-audit.ts).
    if (wanted('peerAudit') && wanted('peer') && shapes.some((s) => s.writes)) {
      await installPeerAudit(db.url);
      servers.push(await startPeer(peerAuditUrl(db.url), PORT + 4, 'peerAudit'));
    }
    const headers = await apiHeaders(servers[0], [pairs[0].b, pairs[0].s]);
    const mismatches = await sanityCheck(shapes, servers, headers);

    const results: Results = new Map();
    const apiOnly = new Map<string, Measurement[]>();
    const framings = await checkVariants(variants, servers[0], headers);
    const measureFraming = async (f: Framing, round: number): Promise<void> => {
      const m = await measure(servers[0], f.shape, DURATION, stats, f.headers);
      apiOnly.set(f.variant.id, [...(apiOnly.get(f.variant.id) ?? []), m]);
      logRun(f.variant.id, round, 'api', m);
    };
    for (const shape of shapes) {
      // A server without this shape (PostGraphile has no increment) sits it out.
      const serving = servers.filter((s) => serverShape(shape, s.name));
      // The shape's client framings run in the same rounds, right after the plain shape: "x of the plain figure" compares like with like.
      const mine = framings.filter((f) => f.variant.base.id === shape.id);
      // The token only where the API needs one (mutations): reads go anonymous, as to the peer and the floor and as the framings go.
      const sent = (server: Server) => (server.name === 'api' && shape.writes ? headers : {});
      for (const server of serving) await measure(server, shape, WARMUP, stats, sent(server));
      for (const f of mine) await measure(servers[0], f.shape, WARMUP, stats, f.headers);
      const runs = { api: [], peer: [], peerAudit: [], floor: [] } as Record<ServerName, Measurement[]>;
      for (let round = 0; round < ROUNDS; round++) {
        for (const server of serving) {
          const m = await measure(server, shape, DURATION, stats, sent(server));
          runs[server.name].push(m);
          logRun(shape.id, round, server.name, m);
          // Right after the plain shape, before the other servers: each framing's ratio compares neighbouring runs.
          if (server.name === 'api') for (const f of mine) await measureFraming(f, round);
        }
      }
      results.set(shape.id, runs);
    }
    // Framings whose plain shape was not asked for run on their own.
    for (const f of framings.filter((x) => !shapes.some((s) => s.id === x.variant.base.id))) {
      await measure(servers[0], f.shape, WARMUP, stats, f.headers);
      for (let round = 0; round < ROUNDS; round++) await measureFraming(f, round);
    }

    const table = `${renderTable(shapes, results)}\n\n${renderApiOnly(variants, results, apiOnly)}`;
    const {
      rows: [{ version }],
    } = await stats.query<{ version: string }>('SELECT version()');
    const peerVersion = wanted('peer') ? execFileSync(peerNode(), ['--version']).toString().trim() : 'not run';
    const md = [
      '# Benchmark results (latest run of `npm run bench`)',
      '',
      `Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM; servers, PostgreSQL and the load generator share these cores.`,
      `Data: ${VOLUME.authors} authors, ${VOLUME.books} books, ${VOLUME.stores} stores, volume seed + VACUUM ANALYZE. ${version.split(',')[0]}.`,
      `A = our API (Node ${process.version}, NODE_ENV=production), B = PostGraphile 5 + connection-filter (Node ${peerVersion}; B+a: the same with an audit entry per row written, from a row trigger, on write shapes), C = floor (node:http + pg, one SQL statement per request).`,
      `Each server gets ${POOL_MAX} database connections (the API's default, 2 × CPUs + 1). autocannon, 10 connections, ${WARMUP} s warm-up per server, then ${ROUNDS} rounds of A, the shape's API-only client framings, B (B+a) and C at ${DURATION} s each; numbers are the mean of the rounds (errors summed, RSS max).`,
      `Sanity check (same data from A, B and C for fixed variables): ${mismatches === 0 ? 'all shapes OK' : `${mismatches} MISMATCH(ES)`}.`,
      '',
      table,
      '',
      'SQL/req = pg_stat_statements calls (BEGIN/COMMIT included) / requests; DB ms/req = their total execution time / requests;',
      'CPU ms/req = user + system CPU of the server process / requests (less sensitive to other load on the machine than req/s).',
      '',
    ].join('\n');
    mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    writeFileSync(path.join(__dirname, 'results', 'latest.md'), md);
    log(`\n${table}\n\nwritten to bench/results/latest.md in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await stats.end().catch(() => undefined);
    for (const s of servers) await s.stop();
    await db.stop();
  }
}

function logRun(id: string, round: number, server: ServerName, m: Measurement): void {
  log(
    `shape ${id.padEnd(4)} round ${round + 1} ${server.padEnd(5)} ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  errors ${m.errors}  SQL/req ${m.statementsPerRequest.toFixed(2)}  CPU ${m.cpuMsPerRequest.toFixed(2)} ms/req  RSS ${m.maxRssMb.toFixed(0)} MB`,
  );
}

interface Framing {
  variant: ApiVariant;
  /** The plain shape with the variant's request, measured on the API alone. */
  shape: Shape;
  headers: Record<string, string>;
}

/** The API-only variants, each checked first to give the same data as its plain shape. */
async function checkVariants(variants: ApiVariant[], api: Server, auth: Record<string, string>): Promise<Framing[]> {
  const out: Framing[] = [];
  for (const variant of variants) {
    const headers = { ...variant.headers, ...(variant.token ? auth : {}) };
    const shape = { ...variant.base, id: variant.id, servers: { ...variant.base.servers, api: { ...variant.base.servers.api, request: variant.request } } };
    const plain = shape.servers.api.normalise(await call(api, variant.base.servers.api.request(variant.base.fixed), auth));
    const body = await call(api, variant.request(variant.base.fixed), headers);
    const same = isDeepStrictEqual(shape.servers.api.normalise(body), plain) && !body.errors && (!variant.token || !!body.data.me);
    log(`sanity ${variant.id.padEnd(4)} ${same ? 'OK' : `MISMATCH ${JSON.stringify(body).slice(0, 300)}`}`);
    out.push({ variant, shape, headers });
  }
  return out;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : (JSON.stringify(err) ?? String(err))}\n`);
  process.exit(1);
});
