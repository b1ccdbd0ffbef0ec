import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FormattedExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import type { ExecutionResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Registry } from 'prom-client';
import { WebSocketServer, type WebSocket } from 'ws';
import { userFromHeader, type AuthKit } from '../auth/auth-kit.js';
import type { Config } from '../config.js';
import { buildContext } from '../context.js';
import type { Database } from '../db/database.js';
import { extraValidationRules } from '../graphql/apollo.js';
import { createFormatError } from '../graphql/format-error.js';
import type { OriginPolicy } from '../http/cors.js';
import type { Logger } from '../logger.js';
import { buildAppSchema } from '../schema.js';
import { Channels } from './channels.js';
import { ChangeFeed } from './feed.js';
import { ChangePoller } from './poller.js';
import { subscriptionMetrics } from './metrics.js';
import { checkOperation, clientErrorCode, type SubscribeRequest } from './operation.js';
import type { SubscriptionContext } from './subscription-context.js';
import { Connections, type Connection } from './connections.js';
import { SubscriptionLimitError } from './limit-error.js';

export interface SubscriptionDeps {
  config: Config;
  db: Database;
  auth: AuthKit;
  logger: Logger;
  registry: Registry;
  allowOrigin: OriginPolicy;
}

export interface SubscriptionServer {
  /** Refuses new connections, hands on the events already received, then closes every socket with 1001. */
  close(timeoutMs: number): Promise<void>;
}

const PATH = '/graphql';

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The token from connection_init: `{ authorization: 'Bearer …' }` (any case) or `{ token }`. */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization ?? (typeof params?.token === 'string' ? `Bearer ${params.token}` : undefined);
  return typeof value === 'string' ? value : undefined;
}

/** GraphQL subscriptions (graphql-ws protocol) on the HTTP server's own port and /graphql path. */
export async function startSubscriptions(server: Server, deps: SubscriptionDeps): Promise<SubscriptionServer> {
  const { config, db, auth, logger } = deps;
  const schema = buildAppSchema();
  const rules = extraValidationRules(config);
  const formatError = createFormatError(logger, config.production);
  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] => errors.map((e) => formatError(e.toJSON(), e));
  const feed = new ChangeFeed();
  const poller = new ChangePoller({
    url: db.orm.config.get('clientUrl')!,
    logger,
    intervalMs: config.subscriptions.pollMs,
    wants: (entity) => feed.wants(entity),
    listening: () => feed.listening,
    publish: (events) => feed.publish(events),
  });
  await poller.start();
  const channels = new Channels({
    schema,
    contextFor: (subscriber, runId) => Object.assign(buildContext(db, `subscription-${runId}`, { user: subscriber.user, auth, ip: subscriber.ip }), { feed }),
    format: (errors) => format(errors.map(clientErrorCode)),
  });
  const metrics = subscriptionMetrics(deps.registry, () => channels.size);
  const connections = new Connections(config.subscriptions, metrics, logger);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  let closing = false;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const origin = req.headers.origin;
    const ip = req.socket.remoteAddress ?? 'unknown';
    let problem: [number, string, string] | undefined;
    if (path !== PATH) problem = [404, 'Not Found', 'path'];
    else if (closing) problem = [503, 'Service Unavailable', 'shutting_down'];
    // Browsers always send Origin on a WebSocket upgrade: the same origins as CORS may connect.
    else if (origin !== undefined && !deps.allowOrigin(origin)) problem = [403, 'Forbidden', 'origin'];
    else if (!connections.admits(ip)) problem = [429, 'Too Many Requests', 'connections_per_ip'];
    if (problem) {
      metrics.refused.inc({ reason: problem[2] });
      return refuse(socket, problem[0], problem[1]);
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => connections.opened(ws, req.socket, req.socket.remoteAddress ?? 'unknown'));

  const owners = new WeakMap<SubscriptionContext, Connection>();
  const connectionOf = (extra: unknown): Connection => connections.of((extra as { socket: WebSocket }).socket);

  const graphqlWs = useServer(
    {
      connectionInitWaitTimeout: config.subscriptions.initTimeoutMs,
      async onConnect(ctx) {
        const connection = connectionOf(ctx.extra);
        try {
          connection.user = await userFromHeader(auth, authorizationOf(ctx.connectionParams));
          return true;
        } catch {
          metrics.refused.inc({ reason: 'token' });
          return false; // closes with 4403 Forbidden, which graphql-ws clients do not retry
        }
      },
      onSubscribe(ctx, _id, payload) {
        const connection = connectionOf(ctx.extra);
        const limit = connections.limitFor(connection);
        if (limit) {
          metrics.refused.inc({ reason: limit });
          return [new SubscriptionLimitError(limit, limit === 'per_connection' ? config.subscriptions.maxPerConnection : config.subscriptions.maxPerIp)];
        }
        const checked = checkOperation(schema, rules, config.limits, payload as SubscribeRequest);
        if (Array.isArray(checked)) return checked;
        const subscriber: SubscriptionContext = { user: connection.user, ip: connection.ip, feed };
        owners.set(subscriber, connection);
        // Counted now: a client's messages are handled concurrently, and the next one checks the limits at once.
        connections.joined(connection);
        return { schema, ...checked, contextValue: subscriber };
      },
      // Instead of graphql-js' subscribe per client: clients with the same operation share one run per event.
      subscribe: async (args) => {
        const subscriber = args.contextValue as SubscriptionContext;
        const connection = owners.get(subscriber)!;
        const joined = await channels.join(args, subscriber, () => connections.left(connection));
        if (!(Symbol.asyncIterator in joined)) connections.left(connection);
        return joined as unknown as ExecutionResult;
      },
      onError: (_ctx, _id, _payload, errors) => format(errors),
      // Results leave Channels already formatted (masked once per event, not once per subscriber).
      onNext(ctx, _id, _payload, _args, result) {
        const connection = connectionOf(ctx.extra);
        connection.events++;
        connections.batch(connection); // graphql-ws writes the frame right after this hook returns
        metrics.events.inc();
        return result as FormattedExecutionResult;
      },
    },
    wss,
  );

  return {
    async close(timeoutMs) {
      closing = true;
      const deadline = Date.now() + timeoutMs;
      await poller.stop();
      await Promise.race([channels.idle(), new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())).unref())]);
      feed.end();
      await graphqlWs.dispose();
      await connections.closed(Math.max(0, deadline - Date.now()));
    },
  };
}
