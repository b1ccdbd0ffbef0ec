import type { TestApp } from './app.js';
import { freePort, start, waitForHealthy, type Running } from './process.js';

export interface Peer {
  base: string;
  run: Running;
  /** SIGTERM; resolves to the exit code. */
  stop(): Promise<number | null>;
}

/** Another API process (`node src/main.ts`) on the same database as `app`, trusting the same tokens. */
export async function startPeer(app: TestApp, env: Record<string, string> = {}): Promise<Peer> {
  const port = await freePort();
  const run = start(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    DATABASE_URL: app.config.databaseUrl!,
    JWT_SECRET: app.config.jwtSecret!,
    PORT: String(port),
    MIGRATE_ON_START: 'false',
    ...env,
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealthy(base, run);
  } catch (err) {
    run.child.kill('SIGKILL');
    throw err;
  }
  return {
    base,
    run,
    async stop() {
      if (run.child.exitCode === null) process.kill(run.child.pid!, 'SIGTERM');
      const timer = setTimeout(() => run.child.kill('SIGKILL'), 30000);
      const code = await run.exited;
      clearTimeout(timer);
      return code;
    },
  };
}
