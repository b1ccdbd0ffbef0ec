// Aggregates the rounds and renders the results table (Markdown).
import type { Measurement } from './measure.js';
import type { ApiVariant, ServerName, Shape } from './shapes.js';

export type Results = Map<string, Record<ServerName, Measurement[]>>;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const SERVERS: ServerName[] = ['api', 'peer', 'peerAudit', 'floor'];

function aggregate(ms: Measurement[]) {
  return {
    rps: mean(ms.map((m) => m.rps)),
    p50: mean(ms.map((m) => m.p50)),
    p99: mean(ms.map((m) => m.p99)),
    errors: ms.reduce((a, m) => a + m.errors, 0),
    requests: ms.reduce((a, m) => a + m.requests, 0),
    sql: mean(ms.map((m) => m.statementsPerRequest)),
    dbMs: mean(ms.map((m) => m.dbMsPerRequest)),
    rss: Math.max(...ms.map((m) => m.maxRssMb)),
    cpu: mean(ms.map((m) => m.cpuMsPerRequest)),
  };
}

const f0 = (x: number) => x.toFixed(0);
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const each = (a: Record<ServerName, ReturnType<typeof aggregate>>, pick: (x: ReturnType<typeof aggregate>) => string) =>
  SERVERS.map((s) => pick(a[s])).join(' / ');

export function renderTable(shapes: Shape[], results: Results): string {
  const lines = [
    '| shape | req/s API | req/s peer | req/s peer+audit | req/s floor | API/peer | API/peer+audit | API/floor | p50 ms A / B / B+a / C | p99 ms A / B / B+a / C | errors A / B / B+a / C | SQL/req A / B / B+a / C | DB ms/req A / B / B+a / C | CPU ms/req A / B / B+a / C | API RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|---|---|---:|',
  ];
  for (const shape of shapes) {
    const r = results.get(shape.id);
    if (!r) continue;
    const a = { api: aggregate(r.api), peer: aggregate(r.peer), peerAudit: aggregate(r.peerAudit), floor: aggregate(r.floor) };
    const rps = (s: ServerName) => (r[s].length ? f0(a[s].rps) : 'none');
    const vs = (s: ServerName) => (r[s].length && a[s].rps > 0 ? f2(a.api.rps / a[s].rps) : 'n/a');
    lines.push(
      `| ${shape.id}. ${shape.title} | ${f0(a.api.rps)} | ${rps('peer')} | ${rps('peerAudit')} | ${f0(a.floor.rps)} | ${vs('peer')} | ${vs('peerAudit')} | ${f2(a.api.rps / a.floor.rps)} | ${each(a, (x) => f1(x.p50))} | ${each(a, (x) => f1(x.p99))} | ${each(a, (x) => `${x.errors}`)} | ${each(a, (x) => f2(x.sql))} | ${each(a, (x) => f2(x.dbMs))} | ${each(a, (x) => f2(x.cpu))} | ${f0(a.api.rss)} |`,
    );
  }
  const notes = shapes.filter((s) => s.peerNote && results.has(s.id)).map((s) => `Shape ${s.id}: ${s.peerNote}.`);
  return [...lines, ...(notes.length ? ['', ...notes] : [])].join('\n');
}

/**
 * Rows for the API-only variants (a shape as a real client sends it): their figures, and their
 * throughput as a ratio to the plain-JSON figure of the same shape in the same run, and to the peer's.
 */
export function renderApiOnly(variants: ApiVariant[], results: Results, api: Map<string, Measurement[]>): string {
  const lines = [
    '| API-only shape | req/s API | vs plain API (same run) | vs peer plain | p50 ms | p99 ms | errors | SQL/req | DB ms/req | CPU ms/req |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const variant of variants) {
    const ms = api.get(variant.id);
    if (!ms) continue;
    const a = aggregate(ms);
    const base = results.get(variant.base.id);
    const ratio = (runs: Measurement[] | undefined) => (runs?.length ? f2(a.rps / aggregate(runs).rps) : 'n/a');
    lines.push(
      `| ${variant.id}. ${variant.title} | ${f0(a.rps)} | ${ratio(base?.api)} | ${ratio(base?.peer)} | ${f1(a.p50)} | ${f1(a.p99)} | ${a.errors} | ${f2(a.sql)} | ${f2(a.dbMs)} | ${f2(a.cpu)} |`,
    );
  }
  return lines.join('\n');
}
