// Runs the MikroORM CLI against DATABASE_URL, or against the embedded PostgreSQL under .data/ when it is unset.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { Database } from '../src/db/database.js';
import { configuredDatabase } from '../src/db/embedded.js';

/**
 * `migration:create` writes the difference between the entities and the database, so the database
 * must already have every committed migration: else a fresh clone's migration would re-create every
 * table. The embedded development database is brought up to date first (as Prisma's `migrate dev`
 * does); a configured DATABASE_URL is never migrated unasked: the command stops and says so.
 */
async function upToDate(url: string, embedded: boolean): Promise<void> {
  const db = await Database.connect({ url });
  try {
    const pending = (await db.orm.getMigrator().getPendingMigrations()).map((m) => m.name);
    if (!pending.length) return;
    if (!embedded) throw new Error(`DATABASE_URL lacks ${pending.length} migration(s) (${pending.join(', ')}): run npm run migration:up first`);
    process.stderr.write(`applying ${pending.length} pending migration(s) to the embedded database first\n`);
    await db.migrate();
  } finally {
    await db.close();
  }
}

async function main(): Promise<number> {
  const config = loadConfig();
  const database = await configuredDatabase(config);
  try {
    if (process.argv[2] === 'migration:create') await upToDate(database.url, database.embedded);
    const cli = path.join(path.dirname(require.resolve('@mikro-orm/cli/package.json')), 'cli');
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, DATABASE_URL: database.url },
    });
    return await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  } finally {
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
