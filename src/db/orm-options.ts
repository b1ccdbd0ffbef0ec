import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { SeedManager } from '@mikro-orm/seeder';
import path from 'node:path';
import { entities } from '../entities/index.js';
import type { Logger } from '../logger.js';

export interface DbOptions {
  url: string;
  poolMax?: number;
  statementTimeoutMs?: number;
  /** How long a statement waits for a pooled connection (then SERVICE_UNAVAILABLE); default 3 s. */
  acquireTimeoutMs?: number;
  /** Read replicas (src/db/replicas.ts); without them every statement runs on the primary. */
  replicas?: { urls: string[]; maxLagMs: number; pollMs: number };
  /** false: compiled statements run unnamed, for a pooler in transaction mode (PgBouncer < 1.21). */
  preparedStatements?: boolean;
  /** Where knex and MikroORM write; without it they use console.log (fine for the CLI). */
  logger?: Logger;
}

/** knex reports e.g. a pooled connection lost in an outage with console.log unless given a log. */
function knexLog(logger: Logger) {
  return {
    warn: (message: unknown) => logger.warn({ driver: message }, 'database driver warning'),
    error: (message: unknown) => logger.error({ driver: message }, 'database driver error'),
    deprecate: (method: unknown, alternative: unknown) => logger.warn({ method, alternative }, 'database driver deprecation'),
    debug: (message: unknown) => logger.debug({ driver: message }, 'database driver debug'),
  };
}

const root = path.resolve(__dirname, '..', '..');

/** The one MikroORM configuration; the CLI config, the app and the tests all start from it. */
export function ormOptions(db: DbOptions): Options {
  return defineConfig({
    clientUrl: db.url,
    entities,
    discovery: { requireEntitiesArray: true },
    extensions: [Migrator, SeedManager],
    preferTs: true,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ignoreUndefinedInQuery: true,
    pool: { min: 0, max: db.poolMax ?? 10, acquireTimeoutMillis: db.acquireTimeoutMs ?? 3000, idleTimeoutMillis: 30000 },
    driverOptions: {
      connection: { statement_timeout: db.statementTimeoutMs ?? 5000, connectionTimeoutMillis: 2500, application_name: 'bookstore-api' },
      ...(db.logger ? { log: knexLog(db.logger) } : {}),
    },
    ...(db.logger ? { logger: (message: string) => db.logger!.info({ orm: message }, 'orm'), colors: false } : {}),
    // Tables no entity maps, written by the app's own SQL (src/auth/pg-lockout-store.ts): migration:check leaves them alone.
    schemaGenerator: { skipTables: ['login_failure'] },
    migrations: {
      path: path.join(root, 'migrations'),
      pathTs: path.join(root, 'migrations'),
      glob: '!(*.d).{js,ts}',
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
    },
    seeder: { path: path.join(root, 'src', 'seeders'), pathTs: path.join(root, 'src', 'seeders'), defaultSeeder: 'DemoSeeder' },
  });
}
