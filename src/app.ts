import type { AddressInfo } from 'node:net';
import { createAuthKit, userFromHeader } from './auth/auth-kit.js';
import type { Config } from './config.js';
import { buildContext } from './context.js';
import type { Database } from './db/database.js';
import { createApollo, extraValidationRules } from './graphql/apollo.js';
import { CompiledQueries } from './graphql/compiled-queries.js';
import { ExpensiveLane } from './graphql/expensive-lane.js';
import { Tarpit } from './concurrency/tarpit.js';
import { createFormatError } from './graphql/format-error.js';
import { guardedFields } from './graphql/guarded-fields.js';
import { admissionPlugin, requestShapeError } from './graphql/limits.js';
import { compiledAnswer } from './http/compiled-answer.js';
import { compiledMutationAnswer } from './http/compiled-mutation-answer.js';
import { CompiledMutations } from './graphql/compiled-mutations.js';
import { buildAppSchema, globalMiddlewares } from './schema.js';
import { originPolicy, withCors } from './http/cors.js';
import { handleGraphQL } from './http/graphql-handler.js';
import { withRefusalCooldown } from './http/refusal-cooldown.js';
import { loadManifest } from './graphql/trusted-manifest.js';
import { trustedDocumentResolver } from './http/trusted-documents.js';
import { ideAssetRoutes, withIde } from './http/ide.js';
import { sendJson } from './http/respond.js';
import { createHttpServer, type Route } from './http/server.js';
import type { Logger } from './logger.js';
import { createMetrics } from './observability/metrics.js';
import { metricsEndpoint } from './observability/metrics-endpoint.js';
import { tracingPlugin, withSpan } from './observability/tracing.js';
import { startSubscriptions } from './subscriptions/server.js';

export interface App {
  /** Starts listening; resolves to the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Graceful stop: close WebSockets (1001) after in-flight events, drain HTTP, stop Apollo. The database is the caller's to close. */
  close(): Promise<void>;
}

async function readiness(db: Database): Promise<string | undefined> {
  const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('database did not answer within 2 s'), 2000).unref());
  const ping = db.ping().then(
    () => undefined,
    (err: unknown) => `database unreachable: ${(err as Error).message.split('\n')[0]}`,
  );
  return Promise.race([ping, timeout]);
}

export interface AppOptions {
  /** Answer read queries with one compiled SQL statement where possible (default true). */
  compiledQueries?: boolean;
}

/** Wires config, database and logger into Apollo and the HTTP routes. */
export async function createApp(config: Config, db: Database, logger: Logger, options: AppOptions = {}): Promise<App> {
  const auth = await createAuthKit(config, db);
  // One lane for both paths: it bounds expensive requests however they are answered.
  // One tarpit for the lane's and the cooldown's refusals: its bound on held refusals is overall.
  const tarpit = new Tarpit(config.refusalHold.ms, config.refusalHold.max);
  const lane = new ExpensiveLane(config.admission, tarpit);
  const apollo = createApollo(config, logger, [admissionPlugin(config.limits, lane), tracingPlugin]);
  await apollo.start();
  const schema = buildAppSchema();
  const guarded = guardedFields(schema, globalMiddlewares);
  const compiledSetup = { schema, rules: extraValidationRules(config), limits: config.limits, guarded, planCacheBytes: config.caches.planBytes };
  const formatError = createFormatError(logger, config.production);
  const compiled =
    options.compiledQueries === false
      ? undefined
      : compiledAnswer(
          new CompiledQueries(compiledSetup),
          schema.getQueryType()!,
          db,
          auth,
          logger,
          formatError,
          lane,
          compiledMutationAnswer(new CompiledMutations(compiledSetup), db, auth, logger, formatError, lane),
        );
  const tracedCompiled: typeof compiled =
    compiled && ((req, body, url, scope, resolve) => withSpan('graphql.compiled', {}, () => compiled(req, body, url, scope, resolve)));

  const listed = config.ops.trustedDocuments;
  const trusted = listed && trustedDocumentResolver(loadManifest(listed.path, schema, extraValidationRules(config)), listed.freeForm);

  const graphql: Route = (req, res, url, scope) =>
    handleGraphQL(apollo, req, res, url, scope, {
      context: async () => {
        const user = await userFromHeader(auth, req.headers.authorization);
        return buildContext(db, scope.requestId, { user, auth, ip: req.socket.remoteAddress ?? 'unknown' });
      },
      exposeStatements: !config.production,
      commitLsn: db.replicated ? () => db.commitLsn() : undefined,
      compiled: tracedCompiled,
      trusted,
      refuse: (body) => requestShapeError(body, config.limits),
    });

  const metrics = createMetrics(db, config.poolMax);
  const metricsPort = metricsEndpoint(config, metrics, logger);
  const routes = withCors(
    new Map<string, Route>([
      ['POST /graphql', withRefusalCooldown(graphql, config.admission, tarpit)],
      ['GET /graphql', withIde(graphql, config.ide)],
      ...(config.ide ? ideAssetRoutes() : []),
      ...metricsPort.apiRoutes,
      ['GET /healthz', (_req, res) => sendJson(res, 200, { status: 'ok' })],
      [
        'GET /readyz',
        async (_req, res) => {
          const problem = await readiness(db);
          // Replicas are reported, never a reason for 503: reads fall back to the primary without them.
          const replicas = db.replicated ? { replicas: db.replicaStates() } : {};
          sendJson(res, problem ? 503 : 200, problem ? { status: 'unavailable', reason: problem, ...replicas } : { status: 'ready', ...replicas });
        },
      ],
    ]),
    originPolicy(config),
  );

  const http = createHttpServer(routes, logger, config.http, (scope, status, seconds) => {
    metrics.observe(scope, status, seconds);
    if (scope.operationName !== undefined || scope.operationType !== undefined || status >= 400) {
      logger.info(
        {
          requestId: scope.requestId,
          operationName: scope.operationName,
          operationType: scope.operationType,
          status,
          durationMs: Math.round(seconds * 1000),
          statements: scope.statements,
          path: scope.graphqlPath ?? (scope.route?.endsWith('/graphql') ? 'resolvers' : undefined),
          fallback: scope.fallbackReason,
          errorCodes: scope.errorCodes.length ? scope.errorCodes : undefined,
        },
        'request',
      );
    }
  });

  const subscriptions = await startSubscriptions(http.server, { config, db, auth, logger, registry: metrics.registry, allowOrigin: originPolicy(config) });

  return {
    listen: async (port = config.port, host = config.host) => {
      await metricsPort.listen(host);
      return new Promise((resolve, reject) => {
        http.server.once('error', reject);
        http.server.listen(port, host, () => {
          const { port: bound } = http.server.address() as AddressInfo;
          resolve(`http://${host.includes(':') ? `[${host}]` : host}:${bound}`);
        });
      });
    },
    close: async () => {
      tarpit.release(); // held refusals are answered now: the drain must not wait for them
      // WebSockets first: the HTTP listener only closes once its upgraded sockets have.
      await subscriptions.close(config.shutdownTimeoutMs);
      await http.drain(config.shutdownTimeoutMs);
      await metricsPort.close(); // last: scrapes go on while requests drain
      await apollo.stop();
    },
  };
}
