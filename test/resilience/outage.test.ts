import { Client } from 'pg';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { steadyLoad, type Sample } from '../helpers/load.js';
import { stoppablePostgres, type StoppablePostgres } from '../helpers/pg-process.js';

// Under steady load PostgreSQL is stopped for 15 s and started again on the same data and port.
const OUTAGE_MS = 15000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let pg: StoppablePostgres;
let app: TestApp;

beforeAll(async () => {
  pg = await stoppablePostgres();
  app = await startTestApp({}, { database: { url: pg.url, drop: async () => undefined }, migrate: true });
  app.pg.on('error', () => undefined); // the helper's own client dies with the database; we use fresh ones
  await app.db.migrate();
}, 120000);
afterAll(async () => {
  await app?.close();
  await pg?.destroy();
}, 60000);

async function readyStatus(): Promise<number> {
  return (await fetch(`${app.url}/readyz`)).status;
}

async function emailsInDatabase(): Promise<Set<string>> {
  const client = new Client({ connectionString: pg.url });
  await client.connect();
  try {
    return new Set((await client.query<{ email: string }>('SELECT email FROM author')).rows.map((r) => r.email));
  } finally {
    await client.end();
  }
}

describe('the database goes away for 15 s under load', () => {
  it('fails fast with SERVICE_UNAVAILABLE, /readyz 503, recovers within 5 s without a restart, and loses no acknowledged write', async () => {
    const load = steadyLoad(app, 4);
    await sleep(3000);
    const stopping = Date.now();
    await pg.stop();
    const stopped = Date.now();
    const ready: number[] = [];
    const health: number[] = [];
    while (Date.now() < stopped + OUTAGE_MS) {
      ready.push(await readyStatus());
      health.push((await fetch(`${app.url}/healthz`)).status);
      await sleep(500);
    }
    const restarting = Date.now();
    await pg.start();
    const back = Date.now(); // PostgreSQL already accepts connections a little before this
    await sleep(7000);
    await load.stop();
    const samples = load.samples;

    const failed = samples.filter((s) => s.code !== 'OK');
    const firstOkAfter = samples.filter((s) => s.code === 'OK' && s.start >= restarting).sort((a, b) => a.end - b.end)[0];
    const figures = {
      requests: samples.length,
      byCode: tally(samples),
      stopTookMs: stopped - stopping,
      errorWindowMs: failed.length ? Math.max(...failed.map((s) => s.end)) - Math.min(...failed.map((s) => s.start)) : 0,
      firstErrorAfterStopMs: failed.length ? Math.min(...failed.map((s) => s.end)) - stopping : null,
      slowestFailureMs: Math.max(0, ...failed.map((s) => s.end - s.start)),
      pgStartMs: back - restarting,
      recoveryMs: firstOkAfter ? firstOkAfter.end - restarting : null,
      readyz: tallyNumbers(ready),
      acknowledgedWrites: samples.filter((s) => s.kind === 'write' && s.code === 'OK').length,
    };
    process.stdout.write(`\nOutage figures: ${JSON.stringify(figures)}\n`);

    expect(samples.filter((s) => s.code !== 'OK' && s.code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    expect(figures.slowestFailureMs).toBeLessThan(3000);
    const during = samples.filter((s) => s.start >= stopped && s.end <= restarting);
    expect(during.length).toBeGreaterThan(20);
    expect(during.every((s) => s.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    expect(new Set(ready)).toEqual(new Set([503]));
    expect(new Set(health)).toEqual(new Set([200]));
    expect(figures.recoveryMs).not.toBeNull();
    expect(figures.recoveryMs!).toBeLessThan(5000);
    expect(samples.filter((s) => s.start >= back + 5000).every((s) => s.code === 'OK')).toBe(true);
    expect(await readyStatus()).toBe(200);

    const present = await emailsInDatabase();
    const lost = samples.filter((s: Sample) => s.kind === 'write' && s.code === 'OK' && !present.has(s.email!));
    expect(lost).toEqual([]);
  }, 120000);
});

function tally(samples: Sample[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) out[`${s.kind} ${s.code}`] = (out[`${s.kind} ${s.code}`] ?? 0) + 1;
  return out;
}

function tallyNumbers(values: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
