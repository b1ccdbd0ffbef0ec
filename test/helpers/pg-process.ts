import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, start, type Running } from './process.js';

/** A PostgreSQL (test/helpers/pg-server.ts) that the test can stop and start again, keeping its data. */
export interface StoppablePostgres {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops it if running and deletes its data. */
  destroy(): Promise<void>;
}

async function waitForUrl(run: Running, ms = 60000): Promise<string> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const match = /\{"url":"([^"]+)"\}/.exec(run.output());
    if (match) return match[1];
    if (run.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`PostgreSQL did not start:\n${run.output()}`);
}

export async function stoppablePostgres(): Promise<StoppablePostgres> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bookstore-outage-'));
  chmodSync(dataDir, 0o755); // the postgres user must reach the data directory inside
  const port = await freePort();
  let run: Running | undefined;
  const startIt = async () => {
    run = start(process.execPath, ['--import', 'tsx', 'test/helpers/pg-server.ts', dataDir, String(port)], {});
    pg.url = await waitForUrl(run);
  };
  const stopIt = async () => {
    if (!run || run.child.exitCode !== null) return;
    process.kill(run.child.pid!, 'SIGTERM');
    await run.exited;
  };
  const pg: StoppablePostgres = {
    url: '',
    start: startIt,
    stop: stopIt,
    destroy: async () => {
      await stopIt().catch(() => (run?.child.pid ? process.kill(-run.child.pid, 'SIGKILL') : undefined));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await startIt();
  return pg;
}
