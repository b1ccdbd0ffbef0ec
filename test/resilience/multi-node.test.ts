import { Client } from 'pg';
import { startProductionServer, type Running } from '../helpers/process.js';
import { replicatedPostgres, type ReplicatedPostgres } from '../helpers/pg-replication.js';

// Two API processes on one primary and one streaming replica (issue 17), driven by a client that
// alternates between them: the sign-in brake is shared, a write on one is read back on the other
// through the replica path without a stale answer, and losing the replica fails no request.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ADMIN = { email: 'admin@example.com', password: 'multi-node-admin-password' };
const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
const CREATE = 'mutation($i: CreateAuthorInput!) { createAuthor(input: $i) { id } }';
const UPDATE = 'mutation($id: ID!, $name: String!) { updateAuthor(id: $id, input: { name: $name }) { name } }';
const READ = 'query($id: ID!) { author(id: $id) { name } }';
const LIST = '{ authors(limit: 5) { totalCount items { name } } }';

interface Answer {
  status: number;
  lsn: string | null;
  body: { data?: Record<string, unknown> | null; errors?: { extensions?: Record<string, unknown> }[] };
}

let pg: ReplicatedPostgres;
const servers: { run: Running; base: string }[] = [];

async function gql(base: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, lsn: res.headers.get('x-commit-lsn'), body: (await res.json()) as Answer['body'] };
}

/** Statements the replica has run against the app's database (pg_stat_statements on the replica itself). */
async function replicaStatements(): Promise<number> {
  const c = new Client({ connectionString: pg.replicaUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ calls: number }>(
      `SELECT coalesce(sum(calls), 0)::float8 AS calls FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query ILIKE '%author%'`,
    );
    return rows[0].calls;
  } finally {
    await c.end();
  }
}

async function replicaHealthy(base: string): Promise<boolean> {
  const body = (await (await fetch(`${base}/readyz`)).json()) as { replicas?: { healthy: boolean }[] };
  return body.replicas?.[0]?.healthy === true;
}

async function until(check: () => Promise<boolean>, ms = 30000): Promise<void> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(100)) if (await check()) return;
  throw new Error('condition not met in time');
}

beforeAll(async () => {
  pg = await replicatedPostgres();
  const env = {
    JWT_SECRET: 'a shared secret of at least thirty-two bytes for both instances',
    DATABASE_REPLICA_URLS: pg.replicaUrl,
    REPLICA_POLL_MS: '200',
    REPLICA_MAX_LAG_MS: '2000',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOGIN_MAX_FAILURES: '3',
  };
  // One after the other: the first migrates, the second finds nothing to do.
  for (let i = 0; i < 2; i++) servers.push(await startProductionServer(pg.primaryUrl, [], env));
  for (const s of servers) await until(() => replicaHealthy(s.base));
}, 180000);

afterAll(async () => {
  for (const s of servers) s.run.child.kill('SIGKILL');
  await pg?.destroy();
}, 60000);

describe('two API instances on a primary and a streaming replica', () => {
  it('share the sign-in lockout: failures on either instance count together', async () => {
    const [a, b] = servers.map((s) => s.base);
    const codes: unknown[] = [];
    for (const base of [a, b, a]) codes.push((await gql(base, LOGIN, { e: 'victim@example.com', p: 'wrong' })).body.errors?.[0].extensions);
    const lockedOnB = (await gql(b, LOGIN, { e: 'victim@example.com', p: 'wrong' })).body.errors?.[0].extensions;
    const lockedOnA = (await gql(a, LOGIN, { e: 'victim@example.com', p: 'wrong' })).body.errors?.[0].extensions;
    expect(codes).toEqual([{ code: 'UNAUTHENTICATED' }, { code: 'UNAUTHENTICATED' }, { code: 'UNAUTHENTICATED' }]);
    expect(lockedOnB).toEqual({ code: 'UNAUTHENTICATED', retryAfterSeconds: 60 });
    expect(lockedOnA).toEqual({ code: 'UNAUTHENTICATED', retryAfterSeconds: expect.any(Number) });
  });

  it('reads a mutation made on one instance back on the other through the replica, never stale', async () => {
    const [a, b] = servers.map((s) => s.base);
    const { token } = (await gql(a, LOGIN, { e: ADMIN.email, p: ADMIN.password })).body.data!.login as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const created = await gql(b, CREATE, { i: { name: 'v0', email: 'rw@example.com' } }, auth);
    const id = (created.body.data!.createAuthor as { id: string }).id;
    const before = await replicaStatements();
    let stale = 0;
    const rounds = 40;
    for (let i = 1; i <= rounds; i++) {
      const [writer, reader] = i % 2 ? [a, b] : [b, a];
      const written = await gql(writer, UPDATE, { id, name: `v${i}` }, auth);
      expect(written.lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      const read = await gql(reader, READ, { id }, { 'x-commit-lsn': written.lsn! });
      if ((read.body.data?.author as { name: string } | null)?.name !== `v${i}`) stale++;
    }
    const onReplica = (await replicaStatements()) - before;
    process.stdout.write(`\nMulti-node read-your-writes: ${JSON.stringify({ rounds, staleReads: stale, replicaStatements: onReplica })}\n`);
    expect(stale).toBe(0);
    expect(onReplica).toBeGreaterThan(0);
  });

  it('loses no request while the replica is stopped, reads on the primary meanwhile, and uses the replica again once it is back', async () => {
    const bases = servers.map((s) => s.base);
    const results = { requests: 0, failed: 0, duringStop: 0, failures: [] as string[] };
    let phase: 'before' | 'stopped' | 'back' = 'before';
    let running = true;
    const client = async (n: number) => {
      for (let i = n; running; i++) {
        const answer = await gql(bases[i % 2], LIST).catch(
          (err: Error) => ({ status: 0, lsn: null, body: { errors: [{ extensions: { code: err.message } }] } }) as Answer,
        );
        results.requests++;
        if (phase === 'stopped') results.duringStop++;
        if (answer.status !== 200 || answer.body.errors) {
          results.failed++;
          results.failures.push(JSON.stringify(answer.body.errors));
        }
      }
    };
    const clients = [0, 1, 2, 3].map(client);
    await sleep(1000);
    await pg.stopReplica();
    phase = 'stopped';
    await until(async () => !(await replicaHealthy(bases[0])) && !(await replicaHealthy(bases[1])));
    await sleep(2000);
    const ready = await Promise.all(bases.map(async (b) => (await fetch(`${b}/readyz`)).status));
    await pg.startReplica();
    await until(async () => (await replicaHealthy(bases[0])) && (await replicaHealthy(bases[1])));
    phase = 'back';
    const afterBack = await replicaStatements();
    await sleep(1000);
    const usedAgain = (await replicaStatements()) - afterBack;
    running = false;
    await Promise.all(clients);
    process.stdout.write(
      `\nMulti-node replica stop: ${JSON.stringify({ ...results, failures: results.failures.slice(0, 5), replicaStatementsAfterRestart: usedAgain })}\n`,
    );
    expect(results.failures).toEqual([]);
    expect(results.duringStop).toBeGreaterThan(0);
    expect(ready).toEqual([200, 200]);
    expect(usedAgain).toBeGreaterThan(0);
  });
});
