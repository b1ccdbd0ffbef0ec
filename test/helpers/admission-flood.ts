import { spawn } from 'node:child_process';
import path from 'node:path';
import { COST } from '../../src/graphql/filter-cost.js';

// Issue 13, finding 2, as one driver for the resilience test (what must hold under the flood) and
// `npm run bench:admission` (how the cheap query's latency moves): a cheap query is timed alone,
// then again while 10 over-budget and 10 at-budget clients keep sending. Polite attackers told
// TOO_MANY_REQUESTS wait its retryAfterSeconds, as Retry-After asks; rude ones send again at once
// (the server holds their refusals: src/concurrency/tarpit.ts). The timer and the attackers
// run in processes of their own (admission-flood-client.ts): in one event loop, the attackers'
// 90 KB bodies delayed the timer's own requests, and that was counted as the server's latency.

export const BUDGET = 5000; // GRAPHQL_MAX_COST's default
export const CHEAP = JSON.stringify({ query: '{ books(limit: 1) { items { id } } }' });
const FILTERED = 'query($f: BookFilter) { books(filter: $f, limit: 5) { totalCount items { id } } }';
const term = (i: number, length: number) => ({ title: { contains: `${i}`.padEnd(length, 'q') } });
/** 50 x 50 terms: within each list's cap, far over the budget (QUERY_TOO_COMPLEX, nothing runs). */
export const OVER = JSON.stringify({
  query: FILTERED,
  variables: { f: { or: Array.from({ length: 50 }, (_, i) => ({ or: Array.from({ length: 50 }, (_, j) => term(i * 50 + j, 8)) })) } },
});
const TERM_CHARS = 78;
/** As many 78-character `contains` terms as the budget allows (1 page + n terms): the costliest request that runs. */
export const AT_TERMS = Math.floor((BUDGET - COST.page) / (COST.textTerm + COST.textChar * TERM_CHARS));
export const AT_COST = COST.page + AT_TERMS * (COST.textTerm + COST.textChar * TERM_CHARS);
export const AT = JSON.stringify({ query: FILTERED, variables: { f: { or: Array.from({ length: AT_TERMS }, (_, i) => term(i, TERM_CHARS)) } } });

export type Extensions = { code: string; retryAfterSeconds?: number; rule?: string; limit?: number; found?: number };
export interface Latency {
  p50: number;
  p99: number;
}
export interface FloodResult {
  idle: Latency;
  attack: Latency;
  /** "<who> <status> <code or OK>" -> how many, e.g. "cheap 200 OK", "at 429 TOO_MANY_REQUESTS". */
  outcomes: Record<string, number>;
  /** The extensions of every QUERY_TOO_COMPLEX answer. */
  refusals: Extensions[];
  /** Every error other than QUERY_TOO_COMPLEX and TOO_MANY_REQUESTS, with its message. */
  failures: string[];
  /** TOO_MANY_REQUESTS answers without a retryAfterSeconds, or without the same Retry-After header. */
  retryHintMissing: number;
  /** How long the attackers sent, in seconds (outcomes per second = outcomes / this). */
  attackSeconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What one process of the flood reports: its answers, and the cheap query's latency when it timed one. */
export interface ClientReport {
  latency?: Latency;
  outcomes: Record<string, number>;
  refusals: Extensions[];
  failures: string[];
  retryHintMissing: number;
}

/** One process's requests: each answer is sorted into its report. */
export function recorder(base: string) {
  const report: ClientReport = { outcomes: {}, refusals: [], failures: [], retryHintMissing: 0 };
  /** Sends one request; resolves to the retryAfterSeconds of a TOO_MANY_REQUESTS answer. */
  const send = async (who: string, body: string): Promise<number | undefined> => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const error = ((await res.json()) as { errors?: { message: string; extensions: Extensions }[] }).errors?.[0];
    const code = error?.extensions.code;
    if (code === 'QUERY_TOO_COMPLEX') report.refusals.push(error!.extensions);
    else if (code === 'TOO_MANY_REQUESTS')
      report.retryHintMissing += error!.extensions.retryAfterSeconds && res.headers.get('retry-after') === String(error!.extensions.retryAfterSeconds) ? 0 : 1;
    else if (error && !report.failures.includes(`${code}: ${error.message}`)) report.failures.push(`${code}: ${error.message}`);
    const label = `${who} ${res.status} ${code ?? 'OK'}`;
    report.outcomes[label] = (report.outcomes[label] ?? 0) + 1;
    return code === 'TOO_MANY_REQUESTS' ? error!.extensions.retryAfterSeconds : undefined;
  };
  return { report, send };
}

/** `samples` cheap queries one after another (after 20 not counted): p50 and p99 in ms. */
export async function timeCheap(base: string, samples: number): Promise<ClientReport> {
  const warm = recorder(base);
  for (let i = 0; i < 20; i++) await warm.send('warm-up', CHEAP);
  const { report, send } = recorder(base);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = process.hrtime.bigint();
    await send('cheap', CHEAP);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  const rank = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] * 10) / 10;
  return { ...report, latency: { p50: rank(0.5), p99: rank(0.99) } };
}

/** `over` + `at` clients, each sending as soon as answered, until `stop` resolves. */
export async function attack(base: string, over: number, at: number, rude: boolean, stop: Promise<void>): Promise<ClientReport> {
  const { report, send } = recorder(base);
  let attacking = true;
  void stop.then(() => (attacking = false));
  const client = (body: string, who: string) => async () => {
    while (attacking) {
      const retryAfter = await send(who, body);
      if (retryAfter && !rude) await sleep(retryAfter * 1000);
    }
  };
  await Promise.all([...Array.from({ length: over }, client(OVER, 'over')), ...Array.from({ length: at }, client(AT, 'at'))]);
  return report;
}

export interface FloodOptions {
  /** Cheap queries timed per phase. */
  samples?: number;
  /** Clients sending over-budget requests, and at-budget ones. */
  over?: number;
  at?: number;
  /** Attackers that ignore retryAfterSeconds and send again at once. */
  rude?: boolean;
  settleMs?: number;
}

/** Runs admission-flood-client.ts with `args`; resolves to the report it prints. `stop()` ends an attack. */
function client(args: string[]): { report: Promise<ClientReport>; stop: () => void } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'admission-flood-client.ts'), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const report = new Promise<ClientReport>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as ClientReport) : reject(new Error(`flood client ${args[0]} exited with ${code}`)))),
  );
  return { report, stop: () => child.stdin.end() };
}

function merge(reports: ClientReport[]): Omit<ClientReport, 'latency'> {
  const merged: ClientReport = { outcomes: {}, refusals: [], failures: [], retryHintMissing: 0 };
  for (const r of reports) {
    for (const [k, v] of Object.entries(r.outcomes)) merged.outcomes[k] = (merged.outcomes[k] ?? 0) + v;
    merged.refusals.push(...r.refusals);
    merged.failures.push(...r.failures.filter((f) => !merged.failures.includes(f)));
    merged.retryHintMissing += r.retryHintMissing;
  }
  return merged;
}

export async function flood(base: string, { samples = 200, over = 10, at = 10, rude = false, settleMs = 2000 }: FloodOptions = {}): Promise<FloodResult> {
  const idle = await client(['time', base, String(samples)]).report;
  const started = process.hrtime.bigint();
  const attackers = client(['attack', base, String(over), String(at), rude ? 'rude' : 'polite']);
  await sleep(settleMs); // the attackers started, the lane is full and the queue formed
  const underAttack = await client(['time', base, String(samples)]).report;
  attackers.stop();
  const merged = merge([idle, underAttack, await attackers.report]);
  const attackSeconds = Math.round(Number(process.hrtime.bigint() - started) / 1e8) / 10;
  return { idle: idle.latency!, attack: underAttack.latency!, attackSeconds, ...merged };
}
