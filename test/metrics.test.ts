import { defaultPoolMax } from '../src/config.js';
import { createMetrics } from '../src/observability/metrics.js';
import { startTestApp, type TestApp } from './helpers/app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

async function scrape(): Promise<{ contentType: string | null; lines: string[] }> {
  const res = await fetch(`${app.url}/metrics`);
  expect(res.status).toBe(200);
  return { contentType: res.headers.get('content-type'), lines: (await res.text()).split('\n') };
}

/** The samples of one metric, as `{labels} value` strings without the metric name. */
function samples(lines: string[], name: string): string[] {
  return lines.filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `)).map((l) => l.slice(name.length));
}

describe('GET /metrics', () => {
  beforeAll(async () => {
    await app.gql('query AuthorNames { authors { items { name } } }');
    await app.gql('query AuthorNames { authors { items { name } } }');
    await app.gql('{ stores { totalCount } }');
    await app.gql('query Broken { authors { nope } }');
    await app.gql('query TooMany { authors(limit: -1) { totalCount } }');
    await fetch(`${app.url}/healthz`);
    await fetch(`${app.url}/no-such-page`);
  });

  it('serves the Prometheus text format', async () => {
    const { contentType, lines } = await scrape();
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(lines).toContain('# TYPE graphql_requests_total counter');
    expect(lines).toContain('# TYPE graphql_request_duration_seconds histogram');
    expect(lines).toContain('# TYPE graphql_sql_statements_per_request histogram');
  });

  it('counts requests by operation name and type', async () => {
    const { lines } = await scrape();
    expect(samples(lines, 'graphql_requests_total').sort()).toEqual(
      [
        '{operation_name="AuthorNames",operation_type="query"} 2',
        '{operation_name="anonymous",operation_type="query"} 1',
        '{operation_name="anonymous",operation_type="unknown"} 1',
        '{operation_name="TooMany",operation_type="query"} 1',
        // startTestApp signs its admin in once
        '{operation_name="anonymous",operation_type="mutation"} 1',
      ].sort(),
    );
    expect(samples(lines, 'graphql_request_duration_seconds_count').sort()).toEqual(
      [
        '{operation_name="AuthorNames",operation_type="query"} 2',
        '{operation_name="anonymous",operation_type="query"} 1',
        '{operation_name="anonymous",operation_type="unknown"} 1',
        '{operation_name="TooMany",operation_type="query"} 1',
        // startTestApp signs its admin in once
        '{operation_name="anonymous",operation_type="mutation"} 1',
      ].sort(),
    );
  });

  it('counts errors by code', async () => {
    const { lines } = await scrape();
    expect(samples(lines, 'graphql_errors_total').sort()).toEqual(
      ['{code="GRAPHQL_VALIDATION_FAILED",operation_name="anonymous"} 1', '{code="BAD_USER_INPUT",operation_name="TooMany"} 1'].sort(),
    );
  });

  it('records the SQL statements of each request', async () => {
    const { lines } = await scrape();
    const counts = samples(lines, 'graphql_sql_statements_per_request_count').sort();
    expect(counts).toEqual(['{operation_type="mutation"} 1', '{operation_type="query"} 4', '{operation_type="unknown"} 1'].sort());
    // An invalid document never reaches the database.
    expect(samples(lines, 'graphql_sql_statements_per_request_sum')).toContain('{operation_type="unknown"} 0');
    const querySum = Number(
      samples(lines, 'graphql_sql_statements_per_request_sum')
        .find((s) => s.includes('"query"'))
        ?.split(' ')[1],
    );
    expect(querySum).toBeGreaterThanOrEqual(3);
  });

  it('counts every HTTP request by route and status', async () => {
    const { lines } = await scrape();
    const http = samples(lines, 'http_requests_total');
    expect(http).toEqual(expect.arrayContaining(['{route="GET /healthz",status="200"} 1', '{route="unmatched",status="404"} 1']));
  });

  it('reports the database pool and the Node defaults', async () => {
    const { lines } = await scrape();
    expect(samples(lines, 'db_pool_connections').map((s) => s.replace(/ \d+$/, ''))).toEqual(['{state="used"}', '{state="free"}', '{state="pending"}']);
    expect(samples(lines, 'db_pool_connections')).toContain('{state="pending"} 0');
    expect(samples(lines, 'db_pool_max_connections')).toEqual([` ${defaultPoolMax()}`]);
    expect(lines.some((l) => l.startsWith('process_cpu_user_seconds_total '))).toBe(true);
    expect(lines.some((l) => l.startsWith('nodejs_eventloop_lag_seconds '))).toBe(true);
  });
});

describe('createMetrics', () => {
  it('caps the distinct operation names a client can create at 100', async () => {
    const metrics = createMetrics({ poolState: () => ({ used: 0, free: 0, pending: 0 }) }, 1);
    for (let i = 0; i < 105; i++) {
      metrics.observe({ requestId: 'r', route: 'POST /graphql', statements: 0, errorCodes: [], operationName: `Op${i}`, operationType: 'query' }, 200, 0.01);
    }
    const names = samples((await metrics.registry.metrics()).split('\n'), 'graphql_requests_total').map((s) => /operation_name="([^"]+)"/.exec(s)?.[1]);
    expect(names).toHaveLength(101);
    expect(samples((await metrics.registry.metrics()).split('\n'), 'graphql_requests_total')).toContain('{operation_name="other",operation_type="query"} 5');
  });
});
