import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ApolloServerPlugin } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OpsConfig } from '../config.js';

/**
 * OpenTelemetry spans: the HTTP request (continuing a W3C `traceparent`), Apollo's parse and
 * validate, the compiled statement, each DataLoader batch, and every SQL statement (its text,
 * never its values). Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (or a test passes an
 * exporter): then no SDK is loaded and every hook below is one `undefined` check.
 */
let tracer: Tracer | undefined;

export type StopTracing = () => Promise<void>;

/** Loads the SDK and starts exporting; resolves to a stop that flushes. A no-op when tracing is off. */
export function startTracing(ops: Pick<OpsConfig, 'otlpEndpoint' | 'serviceName'>, exporter?: SpanExporter): StopTracing {
  if (!exporter && !ops.otlpEndpoint) return async () => undefined;
  // require, not import: the SDK is loaded only here, when tracing is on.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const sdk = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks') as typeof import('@opentelemetry/context-async-hooks');
  const { W3CTraceContextPropagator } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const processor = exporter
    ? new sdk.SimpleSpanProcessor(exporter)
    : new sdk.BatchSpanProcessor(
        new (require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter({
          url: `${ops.otlpEndpoint!.replace(/\/+$/, '')}/v1/traces`,
        }),
      );
  /* eslint-enable @typescript-eslint/no-require-imports */
  const provider = new sdk.BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': ops.serviceName }), spanProcessors: [processor] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  tracer = provider.getTracer('bookstore-graphql');
  return async () => {
    tracer = undefined;
    await provider.shutdown();
    context.disable();
    propagation.disable();
  };
}

function failed(span: Span, err: unknown): void {
  span.recordException(err as Error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message });
}

/** Runs `fn` in a child span of the current one (just runs it when tracing is off). */
export function withSpan<T>(name: string, attributes: Attributes, fn: () => Promise<T>): Promise<T> {
  if (!tracer) return fn();
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn();
    } catch (err) {
      failed(span, err);
      throw err;
    } finally {
      span.end();
    }
  });
}

/** The SQL span's name: the statement's verb (SELECT, INSERT, BEGIN, ...). */
const verb = (sql: string): string => /^\s*\(?\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
/**
 * The statement's text without its values: the ORM inlines values into the SQL it hands knex,
 * so string and number literals become `?` (the lean path's `$1` placeholders stay as they are).
 */
export const withoutValues = (sql: string): string => sql.replace(/(?<![\w$"])[Ee]?'(?:[^']|'')*'/g, '?').replace(/(?<![\w$".])-?\d+(?:\.\d+)?(?![\w"])/g, '?');
const sqlAttributes = (sql: string): Attributes => ({ 'db.system.name': 'postgresql', 'db.query.text': withoutValues(sql) });

/** One SQL statement run on the lean read path. */
// (Off, it only runs the statement: stripping the values of a long compiled statement is work.)
export const traceStatement = <T>(sql: string, run: () => Promise<T>): Promise<T> => (tracer ? withSpan(verb(sql), sqlAttributes(sql), run) : run());

interface KnexQuery {
  sql: string;
  __knexQueryUid: string;
}
interface KnexEvents {
  on(event: 'query', fn: (q: KnexQuery) => void): unknown;
  on(event: 'query-response' | 'query-error', fn: (result: unknown, q: KnexQuery) => void): unknown;
}

/** Spans for the ORM's statements, from knex's query events (they fire in the caller's async context). */
export function traceKnexQueries(knex: KnexEvents): void {
  const open = new Map<string, Span>();
  knex.on('query', (q) => {
    if (tracer) open.set(q.__knexQueryUid, tracer.startSpan(verb(q.sql), { attributes: sqlAttributes(q.sql) }));
  });
  const end = (q: KnexQuery, err?: unknown) => {
    const span = open.get(q.__knexQueryUid);
    if (!span) return;
    open.delete(q.__knexQueryUid);
    if (err) failed(span, err);
    span.end();
  };
  knex.on('query-response', (_result, q) => end(q));
  knex.on('query-error', (err, q) => end(q, err));
}

/** The server span of one HTTP request, child of the caller's `traceparent` when it sent one. */
export function traceRequest<T>(req: IncomingMessage, res: ServerResponse, route: string, fn: () => T): T {
  if (!tracer) return fn();
  const parent = propagation.extract(context.active(), req.headers);
  const span = tracer.startSpan(
    route,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'http.route': route, 'url.path': req.url?.split('?')[0] } },
    parent,
  );
  res.on('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  return context.with(trace.setSpan(parent, span), fn);
}

/** Apollo's parse and validate as spans; the operation's name and type on the request span. */
export const tracingPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    if (!tracer) return undefined;
    const phase = (name: string) => {
      const span = tracer!.startSpan(name);
      return async (err?: unknown) => {
        if (err && (!Array.isArray(err) || err.length)) failed(span, Array.isArray(err) ? err[0] : err);
        span.end();
      };
    };
    return {
      async parsingDidStart() {
        return phase('graphql.parse');
      },
      async validationDidStart() {
        return phase('graphql.validate');
      },
      async didResolveOperation({ operationName, operation }) {
        trace.getActiveSpan()?.setAttributes({ 'graphql.operation.name': operationName ?? '', 'graphql.operation.type': operation?.operation ?? '' });
      },
    };
  },
};
