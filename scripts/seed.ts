// `npm run seed` loads the demo set; `npm run seed -- --authors N --books N --stores N` replaces the
// catalogue with volume data. Uses DATABASE_URL, or the embedded PostgreSQL under .data/ when it is unset.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { configuredDatabase } from '../src/db/embedded.js';
import { runSeed } from '../src/seeders/runner.js';

function volumeArgs(): { authors: number; books: number; stores: number } | undefined {
  const { values } = parseArgs({ options: { authors: { type: 'string' }, books: { type: 'string' }, stores: { type: 'string' } } });
  if (values.authors === undefined && values.books === undefined && values.stores === undefined) return undefined;
  const num = (name: string, v: string | undefined, fallback: number): number => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got ${v}`);
    return n;
  };
  return { authors: num('authors', values.authors, 1000), books: num('books', values.books, 10000), stores: num('stores', values.stores, 20) };
}

async function main(): Promise<void> {
  const volume = volumeArgs();
  const config = loadConfig();
  const database = await configuredDatabase(config);
  const started = Date.now();
  try {
    const counts = await runSeed({ url: database.url, volume, progress: process.stderr });
    const what = volume ? 'volume data' : 'demo data';
    process.stdout.write(`Seeded ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}\n`);
  } finally {
    await database.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Seeding failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
