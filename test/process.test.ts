import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createEmptyDatabase } from './helpers/database.js';
import { freePort, query, root, start, waitForHealthy, waitForOutput } from './helpers/process.js';

const MAIN = ['--import', 'tsx', 'src/main.ts'];

describe('the server process', () => {
  it('exits 1 with one line naming each bad variable', async () => {
    const run = start(process.execPath, MAIN, { PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(await run.exited).toBe(1);
    expect(run.output().trim().split('\n')).toEqual([expect.stringMatching(/^Invalid configuration: PORT: .+; LOG_LEVEL: .+$/)]);
  });

  it('refuses to start in production without a JWT_SECRET', async () => {
    const run = start(process.execPath, MAIN, { NODE_ENV: 'production', DATABASE_URL: 'postgres://x:y@127.0.0.1:1/z' });
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toBe('Invalid configuration: JWT_SECRET: must be set to at least 32 bytes when NODE_ENV=production');
  });

  // `npm start` runs the TypeScript through tsx; the Docker image runs `npm run build` output (start:prod).
  it.each([
    ['tsx', MAIN],
    ['compiled (npm run build, dist/src/main.js)', ['dist/src/main.js']],
  ])(
    'with DATABASE_URL (%s): migrates, serves, reports readiness, and stops cleanly on SIGTERM',
    async (_how, main) => {
      if (main[0].startsWith('dist')) execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'pipe' });
      const db = await createEmptyDatabase();
      const port = await freePort();
      const run = start(process.execPath, main, { DATABASE_URL: db.url, PORT: String(port) });
      const base = `http://127.0.0.1:${port}`;
      try {
        await waitForHealthy(base, run);
        expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
        expect(await query(base, '{ authors { totalCount } }')).toEqual({ data: { authors: { totalCount: 0 } } });
        process.kill(run.child.pid!, 'SIGTERM');
        expect(await run.exited).toBe(0);
        expect(await waitForOutput(run, '"msg":"stopped"')).toContain('"msg":"stopped"');
      } finally {
        run.child.kill('SIGKILL');
        await db.drop();
      }
    },
    90000,
  );

  it('`npm start` with no DATABASE_URL serves on the embedded PostgreSQL, whose data survives a restart', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bookstore-start-'));
    chmodSync(dataDir, 0o755);
    const [port, pgPort] = [await freePort(), await freePort()];
    const env = { PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) };
    const base = `http://127.0.0.1:${port}`;
    const boot = async () => {
      const run = start('npm', ['start', '--silent'], env);
      await waitForHealthy(base, run, 80000);
      return run;
    };
    // npm exits on SIGTERM before the server it started has drained and stopped its PostgreSQL; the
    // server logs "stopped" last, so a restart waits for that line (the server keeps npm's output pipe).
    const stop = async (run: ReturnType<typeof start>) => {
      process.kill(-run.child.pid!, 'SIGTERM');
      await run.exited;
      await waitForOutput(run, '"msg":"stopped"', 30000);
    };
    let run = await boot();
    try {
      expect(await query(base, '{ authors { totalCount } }')).toEqual({ data: { authors: { totalCount: 0 } } });
      expect(await waitForOutput(run, `GraphQL API ready at ${base}/graphql`)).toContain(`GraphQL API ready at ${base}/graphql`);
      const pg = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/bookstore` });
      await pg.connect();
      await pg.query("INSERT INTO author (name, email) VALUES ('Persisted', 'persisted@example.com')");
      await pg.end();
      await stop(run);
      run = await boot();
      expect(await query(base, '{ authors { items { name } } }')).toEqual({ data: { authors: { items: [{ name: 'Persisted' }] } } });
    } finally {
      await stop(run).catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180000);
});
