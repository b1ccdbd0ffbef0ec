// The bench's own embedded PostgreSQL (data in bench/.data), loaded with the volume seed.
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded.js';
import { runSeed } from '../src/seeders/runner.js';

export const VOLUME = { authors: 10000, books: 100000, stores: 200 };

export async function startBenchDatabase(port: number): Promise<EmbeddedDatabase> {
  return startEmbeddedPostgres({ dataDir: path.join(__dirname, '.data'), port, database: 'bench' });
}

/** Migrates, loads the volume seed, VACUUM ANALYZE, and enables pg_stat_statements. */
export async function loadVolume(url: string): Promise<void> {
  const started = Date.now();
  await runSeed({ url, volume: VOLUME, progress: process.stderr });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('VACUUM ANALYZE');
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  } finally {
    await client.end();
  }
  process.stderr.write(`volume seed + VACUUM ANALYZE: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/** Runs fn with a short-lived client. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
