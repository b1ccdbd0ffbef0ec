import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config.js';
import type { Route } from './server.js';

export type OriginPolicy = (origin: string) => boolean;

const LOCAL_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;
const ALLOW_METHODS = 'GET, POST, OPTIONS';
// What browser clients send: Apollo Client's client awareness and CSRF headers (Apollo's CSRF error asks
// for x-apollo-operation-name or apollo-require-preflight), and W3C trace context for tracing.
const ALLOW_HEADERS = [
  'content-type',
  'authorization',
  'x-request-id',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
  'traceparent',
  'tracestate',
  'x-commit-lsn',
].join(', ');
const EXPOSE_HEADERS = 'x-request-id, x-commit-lsn';
const MAX_AGE_SECONDS = '600';

const normalize = (origin: string): string => origin.trim().replace(/\/+$/, '').toLowerCase();

/** CORS_ORIGINS when set (`*` allows any origin); else any local http origin in development, none in production. */
export function originPolicy(config: Pick<Config, 'corsOrigins' | 'production'>): OriginPolicy {
  const listed = config.corsOrigins?.map(normalize);
  if (listed?.includes('*')) return () => true;
  if (listed) {
    const allowed = new Set(listed);
    return (origin) => allowed.has(normalize(origin));
  }
  if (config.production) return () => false;
  return (origin) => LOCAL_ORIGIN.test(origin);
}

function allowedOrigin(req: IncomingMessage, allowed: OriginPolicy): string | undefined {
  const origin = req.headers.origin;
  return typeof origin === 'string' && allowed(origin) ? origin : undefined;
}

function preflight(allowed: OriginPolicy): Route {
  return (req, res) => {
    res.setHeader('vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
    res.setHeader('allow', ALLOW_METHODS);
    const origin = allowedOrigin(req, allowed);
    // A browser preflight from an origin we do not allow: refused, with no CORS headers at all.
    if (req.headers.origin !== undefined && !origin) return void res.writeHead(403).end();
    if (origin && req.headers['access-control-request-method']) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-methods', ALLOW_METHODS);
      res.setHeader('access-control-allow-headers', ALLOW_HEADERS);
      res.setHeader('access-control-max-age', MAX_AGE_SECONDS);
    }
    res.writeHead(204).end();
  };
}

function addCorsHeaders(req: IncomingMessage, res: ServerResponse, allowed: OriginPolicy): void {
  res.appendHeader('vary', 'Origin');
  const origin = allowedOrigin(req, allowed);
  if (!origin) return;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-expose-headers', EXPOSE_HEADERS);
}

/** Every route answers CORS for allowed origins, and every path gets an `OPTIONS` preflight route. */
export function withCors(routes: Map<string, Route>, allowed: OriginPolicy): Map<string, Route> {
  const out = new Map<string, Route>();
  for (const [key, route] of routes) {
    out.set(key, (req, res, url, scope) => {
      addCorsHeaders(req, res, allowed);
      return route(req, res, url, scope);
    });
  }
  for (const key of routes.keys()) {
    const path = key.slice(key.indexOf(' ') + 1);
    if (!out.has(`OPTIONS ${path}`)) out.set(`OPTIONS ${path}`, preflight(allowed));
  }
  return out;
}
