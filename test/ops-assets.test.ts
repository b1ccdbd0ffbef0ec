import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createMetrics } from '../src/observability/metrics.js';

const OPS = path.join(__dirname, '..', 'ops');
const read = (file: string) => readFileSync(path.join(OPS, file), 'utf8');
// Prometheus' own series, not ours.
const PROMETHEUS_SERIES = new Set(['up']);

/** The series names a dashboard or rule file refers to (histograms by their _bucket/_sum/_count series). */
function referenced(text: string): Set<string> {
  return new Set([...text.matchAll(/\b(?:graphql|http|db_pool|process|nodejs)_[a-z0-9_]+|\bup(?=\{)/g)].map((m) => m[0]));
}

/** Every series name the app exposes, read from a scrape of its registry: the one source of truth. */
async function exposed(): Promise<Set<string>> {
  const metrics = createMetrics({ poolState: () => ({ used: 0, free: 0, pending: 0 }) }, 1);
  metrics.observe({ requestId: 'r', route: 'POST /graphql', statements: 1, errorCodes: ['X'], operationName: 'Q', operationType: 'query' }, 200, 0.01);
  const text = await metrics.registry.metrics();
  return new Set(
    text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split(/[{ ]/)[0]),
  );
}

describe('ops/ dashboards and alerts', () => {
  it.each(['grafana/dashboards/bookstore.json', 'prometheus/alerts.yml', 'prometheus/alerts.test.yml'])(
    '%s only refers to metrics the app exposes',
    async (file) => {
      const names = await exposed();
      const unknown = [...referenced(read(file))].filter((n) => !names.has(n) && !PROMETHEUS_SERIES.has(n));
      expect(unknown).toEqual([]);
    },
  );

  it('the dashboard covers rate, latency, errors, SQL per request, pool, event-loop lag and RSS', () => {
    const dashboard = JSON.parse(read('grafana/dashboards/bookstore.json')) as { panels: { targets: { expr: string }[] }[] };
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)).join('\n');
    for (const name of [
      'graphql_requests_total',
      'graphql_request_duration_seconds_bucket',
      'graphql_errors_total',
      'graphql_sql_statements_per_request_sum',
      'db_pool_connections',
      'nodejs_eventloop_lag_p99_seconds',
      'process_resident_memory_bytes',
    ]) {
      expect(exprs).toContain(name);
    }
  });
});
