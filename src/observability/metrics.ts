import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db/database.js';
import type { Route } from '../http/server.js';
import type { RequestScope } from '../request-scope.js';

const GRAPHQL_ROUTES = new Set(['POST /graphql', 'GET /graphql']);
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const STATEMENT_BUCKETS = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100];
// Operation names come from clients: past this many distinct ones, the rest share one label value.
const MAX_OPERATION_NAMES = 100;

export interface Metrics {
  /** Records one finished request; called from the server's per-request finish callback. */
  observe(scope: RequestScope, status: number, seconds: number): void;
  /** `GET /metrics`: the Prometheus text exposition. */
  route: Route;
  registry: Registry;
}

export function createMetrics(db: Pick<Database, 'poolState'> & Partial<Pick<Database, 'replicaStates'>>, poolMax: number): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by route and status code',
    labelNames: ['route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const operations = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests by operation name and type',
    labelNames: ['operation_name', 'operation_type'] as const,
    registers: [registry],
  });
  const operationDuration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request latency by operation name and type',
    labelNames: ['operation_name', 'operation_type'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors in GraphQL responses by extensions.code and operation name',
    labelNames: ['code', 'operation_name'] as const,
    registers: [registry],
  });
  const fallbacks = new Counter({
    name: 'graphql_compiled_fallbacks_total',
    help: 'GraphQL requests the compiled engine left, wholly or in part (mixed), to the resolvers, by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const statements = new Histogram({
    name: 'graphql_sql_statements_per_request',
    help: 'SQL statements run to serve one GraphQL request, by operation type',
    labelNames: ['operation_type'] as const,
    buckets: STATEMENT_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database pool connections by state (used, free), and requests waiting for one (pending)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const pool = db.poolState();
      this.set({ state: 'used' }, pool.used);
      this.set({ state: 'free' }, pool.free);
      this.set({ state: 'pending' }, pool.pending);
    },
  });
  new Gauge({
    name: 'db_replica_up',
    help: 'Read replicas (DATABASE_REPLICA_URLS): 1 when reads go to it, 0 when down or lagging',
    labelNames: ['replica'] as const,
    registers: [registry],
    collect() {
      for (const r of db.replicaStates?.() ?? []) this.set({ replica: r.name }, r.healthy ? 1 : 0);
    },
  });
  new Gauge({
    name: 'db_replica_lag_seconds',
    help: 'How far each read replica was behind the primary at its last poll (absent while unreachable)',
    labelNames: ['replica'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const r of db.replicaStates?.() ?? []) if (r.lagMs !== null) this.set({ replica: r.name }, r.lagMs / 1000);
    },
  });
  new Gauge({ name: 'db_pool_max_connections', help: 'Configured size of the database pool (DB_POOL_MAX)', registers: [registry] }).set(poolMax);

  const names = new Set<string>();
  const operationName = (name: string | undefined): string => {
    if (name === undefined) return 'anonymous';
    if (names.has(name)) return name;
    if (names.size >= MAX_OPERATION_NAMES) return 'other';
    names.add(name);
    return name;
  };

  return {
    registry,
    observe(scope, status, seconds) {
      const route = scope.route ?? 'unmatched';
      httpRequests.inc({ route, status: String(status) });
      httpDuration.observe({ route }, seconds);
      if (!GRAPHQL_ROUTES.has(route)) return;
      const labels = { operation_name: operationName(scope.operationName), operation_type: scope.operationType ?? 'unknown' };
      operations.inc(labels);
      operationDuration.observe(labels, seconds);
      statements.observe({ operation_type: labels.operation_type }, scope.statements);
      for (const code of scope.errorCodes) errors.inc({ code, operation_name: labels.operation_name });
      if (scope.fallbackReason) fallbacks.inc({ reason: scope.fallbackReason });
    },
    route: async (_req, res) => {
      const text = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(text) });
      res.end(text);
    },
  };
}
