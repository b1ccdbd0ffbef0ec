import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import { createHttpServer, type HttpServer, type Route } from '../http/server.js';
import type { Logger } from '../logger.js';
import type { Metrics } from './metrics.js';

export interface MetricsEndpoint {
  /** Routes for the API port: `GET /metrics` unless METRICS_PORT moves it to its own port. */
  apiRoutes: [string, Route][];
  /** Starts the metrics port, if any, on `host`. */
  listen(host: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Where `/metrics` is served. With METRICS_PORT (the production setting) it is on a port of its
 * own, which the network can keep internal, and the public API port answers 404 for it.
 */
export function metricsEndpoint(config: Config, metrics: Metrics, logger: Logger): MetricsEndpoint {
  const port = config.ops.metricsPort;
  if (port === undefined) return { apiRoutes: [['GET /metrics', metrics.route]], listen: async () => undefined, close: async () => undefined };
  let http: HttpServer | undefined;
  return {
    apiRoutes: [],
    listen: (host) =>
      new Promise((resolve, reject) => {
        http = createHttpServer(new Map([['GET /metrics', metrics.route]]), logger, config.http);
        http.server.once('error', reject);
        http.server.listen(port, host, () => {
          logger.info({ port: (http!.server.address() as AddressInfo).port }, 'metrics served on their own port');
          resolve();
        });
      }),
    close: async () => {
      await http?.drain(0);
    },
  };
}
