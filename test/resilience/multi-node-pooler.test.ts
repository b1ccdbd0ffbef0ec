import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, start, startProductionServer, type Running } from '../helpers/process.js';

// The API behind PgBouncer in transaction mode (issue 17). Debian 12's PgBouncer is 1.18, without
// protocol-level prepared statements: the compiled path's named statements then meet server
// connections that did (or did not) prepare them, so DATABASE_PREPARED_STATEMENTS=false is the
// setting that makes it work. Runs where `pgbouncer` is installed (apt-get install pgbouncer).
const installed = (() => {
  try {
    execFileSync('pgbouncer', ['--version']);
    return true;
  } catch {
    return false;
  }
})();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const QUERIES = [
  '{ authors(limit: 3) { totalCount } }',
  '{ books(limit: 2) { items { title } } }',
  '{ stores(limit: 2) { totalCount } }',
  '{ authors(limit: 1) { items { name books { totalCount } } } }',
];

let dir: string;
let pg: Running;
let bouncer: ChildProcess;
let url: string;

async function waitForUrl(run: Running): Promise<void> {
  for (const deadline = Date.now() + 60000; Date.now() < deadline; await sleep(50)) if (/"url"/.test(run.output())) return;
  throw new Error(`PostgreSQL did not start:\n${run.output()}`);
}

/** 15 rounds of 16 concurrent compiled queries through the pooler: answers without errors, and the others by code. */
async function load(base: string): Promise<{ ok: number; errors: Record<string, number> }> {
  const result = { ok: 0, errors: {} as Record<string, number> };
  for (let round = 0; round < 15; round++) {
    await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        const res = await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: QUERIES[(i + round) % 4] }),
        });
        const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
        if (res.status === 200 && !body.errors) result.ok++;
        else {
          const key = `${res.status} ${body.errors?.[0]?.extensions?.code}`;
          result.errors[key] = (result.errors[key] ?? 0) + 1;
        }
      }),
    );
  }
  return result;
}

// Under CI=true (.ci/run installs pgbouncer) a missing pgbouncer fails instead of skipping unseen.
if (!installed && process.env.CI === 'true') throw new Error("CI=true and pgbouncer is absent: install Debian's pgbouncer (.ci/run does)");
(installed ? describe : describe.skip)('the API behind PgBouncer in transaction mode', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bookstore-pooler-'));
    chmodSync(dir, 0o755);
    const [pgPort, bouncerPort] = [await freePort(), await freePort()];
    pg = start(process.execPath, ['--import', 'tsx', 'test/helpers/pg-server.ts', path.join(dir, 'data'), String(pgPort)], {});
    await waitForUrl(pg);
    writeFileSync(path.join(dir, 'users.txt'), '"postgres" "postgres"\n');
    writeFileSync(
      path.join(dir, 'pgbouncer.ini'),
      `[databases]\nbookstore = host=127.0.0.1 port=${pgPort} dbname=bookstore user=postgres password=postgres\n[pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = ${bouncerPort}\nauth_type = trust\nauth_file = ${dir}/users.txt\npool_mode = transaction\ndefault_pool_size = 3\nmax_client_conn = 200\nunix_socket_dir =\n` +
        // The API sets statement_timeout as a startup parameter; PgBouncer refuses unknown ones.
        'ignore_startup_parameters = statement_timeout,extra_float_digits,options\n',
    );
    if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres', path.join(dir, 'users.txt'), path.join(dir, 'pgbouncer.ini')]);
    bouncer = spawn('pgbouncer', [...(process.getuid?.() === 0 ? ['-u', 'postgres'] : []), path.join(dir, 'pgbouncer.ini')], { stdio: 'ignore' });
    await sleep(1000);
    url = `postgres://postgres:postgres@127.0.0.1:${bouncerPort}/bookstore`;
  }, 120000);

  afterAll(async () => {
    bouncer?.kill('SIGINT');
    if (pg?.child.exitCode === null) {
      process.kill(pg.child.pid!, 'SIGTERM');
      await pg.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }, 60000);

  it('migrates and answers every concurrent compiled query with DATABASE_PREPARED_STATEMENTS=false', async () => {
    const off = await startProductionServer(url, [], { DATABASE_PREPARED_STATEMENTS: 'false', DB_POOL_MAX: '8' });
    const withoutNames = await load(off.base).finally(() => off.run.child.kill('SIGKILL'));
    // For the figures only: named statements through PgBouncer 1.18 meet "already exists" / "does not exist".
    const on = await startProductionServer(url, [], { DB_POOL_MAX: '8', MIGRATE_ON_START: 'false' });
    const withNames = await load(on.base).finally(() => on.run.child.kill('SIGKILL'));
    process.stdout.write(
      `\nBehind PgBouncer (transaction mode): ${JSON.stringify({ preparedStatementsOff: withoutNames, preparedStatementsOn: withNames })}\n`,
    );
    expect(withoutNames).toEqual({ ok: 240, errors: {} });
  }, 120000);
});
