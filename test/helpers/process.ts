import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export const root = path.resolve(__dirname, '..', '..');

export interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts a command in its own process group with a clean copy of the environment plus `env`. */
export function start(command: string, args: string[], env: Record<string, string>): Running {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|PORT|HOST|NODE_ENV|JWT_SECRET|TEST_)/.test(k)));
  const child = spawn(command, args, { cwd: root, env: { ...base, LOG_LEVEL: 'info', ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Polls until the server answers /healthz, or fails with its output after `ms`. */
export async function waitForHealthy(base: string, running: Running, ms = 60000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (running.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy:\n${running.output()}`);
}

/**
 * Polls the process's output for `text`: a line logged right after `listen` may reach the pipe after
 * the first request has been answered, so output is awaited, not read once.
 */
export async function waitForOutput(running: Running, text: string, ms = 10000): Promise<string> {
  const deadline = Date.now() + ms;
  while (!running.output().includes(text) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return running.output();
}

export async function query(base: string, q: string): Promise<unknown> {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) });
  return res.json();
}

/** A production-mode server process (`src/main.ts`) on `databaseUrl`, listening on a free port, healthy; `env` adds or overrides settings. */
export async function startProductionServer(
  databaseUrl: string,
  nodeArgs: string[] = [],
  env: Record<string, string> = {},
): Promise<{ run: Running; base: string }> {
  const port = await freePort();
  const run = start(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    // Off as in startTestApp (helpers/app.ts): the admission tests and bench turn it on.
    REFUSAL_COOLDOWN_MS: '0',
    ...env,
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHealthy(base, run);
  return { run, base };
}
