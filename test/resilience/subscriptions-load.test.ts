import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { seedClassic } from '../helpers/fixtures.js';
import { startPeer, type Peer } from '../helpers/peer.js';
import { subscribe, subscriptionsOpen, wsClient } from '../helpers/ws.js';

// 1,000 subscriptions on one server process while mutations are sent at 200/s (open loop: paced, not
// waiting for answers) for 3 s. Besides exactly-once and order, it prints where the time goes: achieved
// rate, delivery latency (from the request, and from the mutation's answer), server RSS, CPU ms per
// mutation of the server and of this load generator, and what busy database backends wait on.
const CONNECTIONS = 20;
const SUBSCRIPTIONS = 1000;
const RATE = Number(process.env.SUBSCRIPTION_LOAD_RATE ?? 200);
const SECONDS = 3;
const STOCK = 'subscription($s: ID!, $b: ID!) { stockChanged(storeId: $s, bookId: $b) { bookId: book { id } storeId: store { id } quantity } }';
const ADJUST = 'mutation($s: ID!, $b: ID!) { adjustStock(storeId: $s, bookId: $b, delta: 1) { quantity } }';

let app: TestApp;
let peer: Peer;
beforeAll(async () => {
  app = await startTestApp({ JWT_SECRET: randomBytes(32).toString('hex') });
}, 120000);
afterAll(async () => {
  await peer?.stop();
  await app?.close();
});

/**
 * What the database's busy backends wait on while the mutations run (pg_stat_activity every 100 ms,
 * averaged): Lock waits would mean commits queue behind each other (rows, or the NOTIFY queue's lock).
 */
async function sampleWaits(url: string): Promise<{ stop: () => Promise<Record<string, number>> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const seen = new Map<string, number>();
  let samples = 0;
  const sample = async () => {
    const { rows } = await client.query<{ wait: string; n: number }>(
      `select coalesce(wait_event_type || ':' || wait_event, 'running') as "wait", count(*)::int as "n" from pg_stat_activity
        where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid() group by 1`,
    );
    samples++;
    for (const { wait, n } of rows) seen.set(wait, (seen.get(wait) ?? 0) + n);
  };
  let running = Promise.resolve();
  const timer = setInterval(() => (running = running.then(sample)), 100);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await client.end();
      return Object.fromEntries([...seen].map(([wait, n]) => [wait, Math.round((n / samples) * 100) / 100]));
    },
  };
}

/** CPU time (ms) the process `pid` has used so far (Linux: utime + stime in /proc, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

it('every event is delivered exactly once, in commit order per key; prints p99 delivery latency and RSS', async () => {
  const ids = await seedClassic(app);
  const books = [ids.books.ansible, ids.books.sqlalchemy, ids.books.communication];
  for (const title of ['Fourth', 'Fifth'])
    books.push(
      (
        await app.gql<{ createBook: { id: string } }>('mutation($t: String!, $a: ID!) { createBook(input: { title: $t, authorId: $a }) { id } }', {
          t: title,
          a: ids.authors.umang,
        })
      ).body.data!.createBook.id,
    );
  const keys = books.flatMap((b) => [ids.stores.amazon, ids.stores.flipkart].map((s) => ({ s, b })));
  for (const k of keys) await app.gql('mutation($s: ID!, $b: ID!) { setStock(storeId: $s, bookId: $b, quantity: 0) { quantity } }', k);
  const editor = (await app.as('EDITOR')).authorization;
  // SUBSCRIPTION_LOAD_NODE_OPTIONS: e.g. `--require <a profiler preload>` to see where the server's time goes.
  const profile: Record<string, string> = process.env.SUBSCRIPTION_LOAD_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SUBSCRIPTION_LOAD_NODE_OPTIONS } : {};
  peer = await startPeer(app, { SUBSCRIPTIONS_MAX_PER_IP: String(SUBSCRIPTIONS), LOG_LEVEL: 'warn', DB_POOL_MAX: '10', ...profile });

  const clients = Array.from({ length: CONNECTIONS }, () => wsClient(peer.base));
  const arrivals = new Map<string, number>(); // `${subscription}:${quantity}` → ms
  try {
    const subs = Array.from({ length: SUBSCRIPTIONS }, (_, i) => {
      const key = keys[i % keys.length];
      const sub = subscribe<{ stockChanged: { quantity: number } }>(clients[i % CONNECTIONS], STOCK, key);
      const push = sub.results.push.bind(sub.results);
      sub.results.push = (...items) => {
        for (const item of items) arrivals.set(`${i}:${item.data?.stockChanged.quantity}`, performance.now());
        return push(...items);
      };
      return { key, sub };
    });
    await subscriptionsOpen(peer.base, SUBSCRIPTIONS, 60000);

    // Paced: one mutation every 1000 / RATE ms, round-robin over the keys, not waiting for answers.
    const sent = new Map<string, number>(); // `${key index}:${quantity}` → ms the request left
    const answered = new Map<string, number>(); // … → ms its answer (sent after the commit) arrived
    const requests: Promise<void>[] = [];
    const committed = keys.map(() => 0);
    const failures: string[] = [];
    const total = RATE * SECONDS;
    const waits = await sampleWaits(app.config.databaseUrl!);
    const cpuBefore = { server: cpuMs(peer.run.child.pid!), generator: process.cpuUsage() };
    const began = performance.now();
    for (let n = 0; n < total; n++) {
      const wait = began + (n * 1000) / RATE - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const k = n % keys.length;
      const at = performance.now();
      requests.push(
        fetch(`${peer.base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: editor },
          body: JSON.stringify({ query: ADJUST, variables: keys[k] }),
        })
          .then((r) => r.json() as Promise<{ data?: { adjustStock: { quantity: number } }; errors?: unknown }>)
          .then((body) => {
            // Refused under overload (e.g. no pool connection within 3 s): it committed nothing, so it must send nothing.
            if (!body.data) return void failures.push(JSON.stringify(body.errors).slice(0, 200));
            committed[k]++;
            sent.set(`${k}:${body.data.adjustStock.quantity}`, at);
            answered.set(`${k}:${body.data.adjustStock.quantity}`, performance.now());
          }),
      );
    }
    await Promise.all(requests);
    const achieved = total / ((performance.now() - began) / 1000);
    const backends = await waits.stop();
    const generatorCpu = process.cpuUsage(cpuBefore.generator);
    // CPU each process spent per mutation (with its events) while the mutations ran: unlike the rate, this does
    // not depend on what else the machine runs. 200/s on two cores needs the sum well under 10 ms.
    const serverCpu = cpuMs(peer.run.child.pid!) - cpuBefore.server;
    const cpuMsPerMutation = {
      server: Math.round((serverCpu / total) * 100) / 100,
      loadGenerator: Math.round(((generatorCpu.user + generatorCpu.system) / 1000 / total) * 100) / 100,
    };
    await Promise.all(subs.map(({ key, sub }) => sub.received(committed[keys.indexOf(key)], 60000)));
    await new Promise((r) => setTimeout(r, 500)); // anything extra would show up now
    const metrics = await (await fetch(`${peer.base}/metrics`)).text();
    const rss = Number(/^process_resident_memory_bytes (\S+)$/m.exec(metrics)?.[1]);

    // Exactly once and in commit order: each subscriber saw 1, 2, … (its key's commits), nothing else.
    const expected = (key: (typeof keys)[number]) => Array.from({ length: committed[keys.indexOf(key)] }, (_, q) => q + 1);
    const seen = (sub: (typeof subs)[number]['sub']) => sub.results.map((r) => r.data?.stockChanged.quantity ?? r.errors);
    const wrong = subs.filter(({ key, sub }) => JSON.stringify(seen(sub)) !== JSON.stringify(expected(key)));

    const latencies = subs
      .flatMap(({ key }, i) => expected(key).map((q) => arrivals.get(`${i}:${q}`)! - sent.get(`${keys.indexOf(key)}:${q}`)!))
      .filter((ms) => !Number.isNaN(ms))
      .sort((a, b) => a - b);
    // Event received minus the mutation's answer received: the delivery alone, without the mutation's queueing.
    const afterAnswer = subs
      .flatMap(({ key }, i) => expected(key).map((q) => arrivals.get(`${i}:${q}`)! - answered.get(`${keys.indexOf(key)}:${q}`)!))
      .filter((ms) => !Number.isNaN(ms))
      .sort((a, b) => a - b);
    const report = {
      subscriptions: SUBSCRIPTIONS,
      connections: CONNECTIONS,
      mutations: total,
      mutationsRefused: failures.length,
      refusedFor: [...new Set(failures)].slice(0, 3),
      mutationsPerSecond: Math.round(achieved),
      eventsDelivered: latencies.length,
      latencyMs: { p50: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)), max: Math.round(latencies[latencies.length - 1]) },
      eventAfterAnswerMs: { p50: Math.round(percentile(afterAnswer, 50)), p99: Math.round(percentile(afterAnswer, 99)) },
      serverRssMb: Math.round(rss / 1024 / 1024),
      cpuMsPerMutation,
      activeBackendsByWait: backends,
      subscribersWithWrongEvents: wrong.length,
    };
    process.stdout.write(`\nsubscription load (delivery latency = mutation request sent -> event received): ${JSON.stringify(report)}\n`);
    if (wrong.length) process.stdout.write(`first wrong: ${JSON.stringify({ expected: committed[keys.indexOf(wrong[0].key)], seen: seen(wrong[0].sub) })}\n`);
    expect(wrong.length).toBe(0);
    expect(report.eventsDelivered).toBe((SUBSCRIPTIONS / keys.length) * (total - failures.length));
    expect(failures.length).toBeLessThan(total / 10);
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
  }
}, 300000);
