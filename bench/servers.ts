// Starts the three servers under test as their own processes and stops them.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { defaultPoolMax } from '../src/config.js';
import type { ServerName } from './shapes.js';

export interface Server {
  name: ServerName;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const root = path.resolve(__dirname, '..');
/** All three servers get the same number of database connections: the API's default. */
export const POOL_MAX = String(defaultPoolMax());
export const ADMIN = { email: 'bench-admin@example.com', password: 'bench-password-123' };

async function waitUntilReady(child: ChildProcess, check: () => Promise<boolean>, name: string, output: () => string): Promise<void> {
  // Generous: on a machine shared with other work a cold start (build, JIT, admin password hash) took over 60 s.
  const deadline = Date.now() + 180000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output()}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not become ready within 180 s:\n${output()}`);
}

async function start(
  name: ServerName,
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  check: (url: string) => Promise<boolean>,
  port: number,
): Promise<Server> {
  const url = `http://127.0.0.1:${port}`;
  if (
    await fetch(url).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`port ${port} is already in use: is another bench still running?`);
  const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  await waitUntilReady(
    child,
    () => check(url),
    name,
    () => tail,
  );
  return {
    name,
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

const ok = async (url: string, init?: RequestInit) => (await fetch(url, init)).ok;
const post = (body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });

export function peerNode(): string {
  const bin = path.join(__dirname, 'peer', 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(bin)) throw new Error('bench/peer is not installed: run `npm ci --prefix bench/peer` (npm run bench does it)');
  return bin;
}

/**
 * Our API as the Docker image runs it: compiled by `npm run build`, `node dist/src/main.js`
 * (tsx for a checkout without tsconfig.build.json). `cwd` may be another checkout (bench/ab.ts).
 */
export function startApi(dbUrl: string, port: number, extraArgs: string[] = [], cwd = root): Promise<Server> {
  const compiled = existsSync(path.join(cwd, 'tsconfig.build.json'));
  if (compiled) execFileSync('npm', ['run', 'build', '--silent'], { cwd, stdio: 'inherit' });
  const entry = compiled ? ['dist/src/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  return start(
    'api',
    process.execPath,
    [...extraArgs, ...entry],
    cwd,
    {
      NODE_ENV: 'production',
      GRAPHQL_IDE: 'false',
      DATABASE_URL: dbUrl,
      DB_POOL_MAX: POOL_MAX,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: randomBytes(32).toString('hex'),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    },
    (url) => ok(`${url}/healthz`),
    port,
  );
}

/** PostGraphile; as `peerAudit`, `dbUrl` names its connections so the bench's audit triggers fire (peer-audit.ts). */
export function startPeer(dbUrl: string, port: number, name: 'peer' | 'peerAudit' = 'peer'): Promise<Server> {
  return start(
    name,
    peerNode(),
    ['server.mjs'],
    path.join(__dirname, 'peer'),
    { NODE_ENV: 'production', DATABASE_URL: dbUrl, POOL_MAX, PORT: String(port) },
    (url) => ok(`${url}/graphql`, post('{"query":"{ __typename }"}')),
    port,
  );
}

export function startFloor(dbUrl: string, port: number): Promise<Server> {
  return start(
    'floor',
    process.execPath,
    ['bench/floor/server.mjs'],
    root,
    { NODE_ENV: 'production', DATABASE_URL: dbUrl, POOL_MAX, PORT: String(port) },
    (url) => ok(`${url}/book`, post('{"id":1}')),
    port,
  );
}
