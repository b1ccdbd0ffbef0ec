import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { HttpTimeouts } from '../config.js';
import type { Logger } from '../logger.js';
import { traceRequest } from '../observability/tracing.js';
import { runInRequestScope, type RequestScope } from '../request-scope.js';
import { requestLsn } from '../db/lsn.js';
import { sendJson } from './respond.js';

export type Route = (req: IncomingMessage, res: ServerResponse, url: URL, scope: RequestScope) => Promise<void> | void;

const GRACE_MS = 100;
const REQUEST_ID = /^[\w.:-]{1,128}$/;

export interface HttpServer {
  server: Server;
  /** Stops accepting, lets in-flight requests finish (up to `timeoutMs`), then closes the rest. */
  drain(timeoutMs: number): Promise<void>;
}

/** The node:http server: request ids, a route table, one log line per request, graceful drain. */
export function createHttpServer(
  routes: Map<string, Route>,
  logger: Logger,
  timeouts: HttpTimeouts,
  onFinish?: (scope: RequestScope, status: number, seconds: number) => void,
): HttpServer {
  let inFlight = 0;
  let idle: (() => void) | undefined;
  let draining = false;

  // A client that sends its headers or body one byte at a time is cut off (408) once the timeout
  // passes; node checks every `connectionsCheckingInterval`, so that is kept well below both.
  const server = createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(timeouts.headersTimeoutMs / 4))),
    },
    (req, res) => {
      const started = process.hrtime.bigint();
      const given = req.headers['x-request-id'];
      const scope: RequestScope = {
        requestId: typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID(),
        statements: 0,
        errorCodes: [],
        minLsn: requestLsn(req),
      };
      res.setHeader('x-request-id', scope.requestId);
      if (draining) res.setHeader('connection', 'close');
      inFlight++;
      res.on('close', () => {
        inFlight--;
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        onFinish?.(scope, res.statusCode, seconds);
        if (inFlight === 0) idle?.();
      });
      const url = new URL(req.url ?? '/', 'http://localhost');
      const key = routes.has(`${req.method} ${url.pathname}`) ? `${req.method} ${url.pathname}` : `* ${url.pathname}`;
      const route = routes.get(key);
      if (route) scope.route = key;
      runInRequestScope(scope, () =>
        traceRequest(req, res, route ? key : 'unmatched', async () => {
          try {
            if (!route) return sendJson(res, 404, { error: 'Not found' });
            await route(req, res, url, scope);
          } catch (err) {
            logger.error({ err, requestId: scope.requestId }, 'request failed');
            if (!res.headersSent)
              sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: scope.requestId } }] });
            else res.end();
          }
        }),
      );
    },
  );

  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;

  const settled = () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (idle = resolve)));
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

  async function drain(timeoutMs: number): Promise<void> {
    draining = true;
    const deadline = Date.now() + timeoutMs;
    // Connections a client opened before the signal may still sit in the listen backlog, which
    // closing the listener resets: accept them for a moment first (answers now say `Connection: close`).
    await sleep(Math.min(GRACE_MS, timeoutMs));
    // Stop listening, but unlike http's close() keep idle keep-alive sockets for now: one closed while
    // its client is sending would drop that request.
    const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    do {
      await Promise.race([settled(), sleep(Math.max(0, deadline - Date.now()))]);
      await sleep(Math.min(GRACE_MS, Math.max(0, deadline - Date.now()))); // a request already on the wire gets in
    } while (inFlight > 0 && Date.now() < deadline);
    server.closeAllConnections();
    await closed;
  }

  return { server, drain };
}
