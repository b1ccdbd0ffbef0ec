// Runs the MikroORM CLI against DATABASE_URL, or against the embedded PostgreSQL under .data/ when it is unset.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { configuredDatabase } from '../src/db/embedded.js';

async function main(): Promise<number> {
  const config = loadConfig();
  const database = await configuredDatabase(config);
  try {
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
