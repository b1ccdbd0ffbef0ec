import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createEmptyDatabase } from './helpers/database.js';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..');

/** Runs `npm run migration:<cmd>`'s script against `url`; returns exit code and output. */
async function cli(cmd: string, url: string, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/orm-cli.ts', `migration:${cmd}`, ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

async function tables(url: string): Promise<string[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  await c.end();
  return rows.map((r: { tablename: string }) => r.tablename);
}

describe('migrations through the CLI', () => {
  it("build exactly the entities' schema on an empty database, and round-trip down and up", async () => {
    const db = await createEmptyDatabase();
    try {
      expect((await cli('pending', db.url)).out).toContain('Migration20261122000000_initial');
      expect((await cli('up', db.url)).code).toBe(0);
      expect(await tables(db.url)).toEqual(['app_user', 'audit_entry', 'author', 'book', 'inventory', 'login_failure', 'mikro_orm_migrations', 'store']);
      const check = await cli('check', db.url);
      expect(check).toEqual({ code: 0, out: expect.stringContaining('No changes required') });

      expect((await cli('down', db.url, '--to', '0')).code).toBe(0); // every migration, not only the last
      expect(await tables(db.url)).toEqual(['mikro_orm_migrations']);
      expect((await cli('up', db.url)).code).toBe(0);
      expect((await cli('check', db.url)).code).toBe(0);
    } finally {
      await db.drop();
    }
  }, 120000);

  it('migration:check fails when the database differs from the entities', async () => {
    const db = await createEmptyDatabase();
    try {
      await cli('up', db.url);
      const c = new Client({ connectionString: db.url });
      await c.connect();
      await c.query('ALTER TABLE store DROP COLUMN city');
      await c.end();
      expect((await cli('check', db.url)).code).toBe(1);
    } finally {
      await db.drop();
    }
  }, 120000);
});
