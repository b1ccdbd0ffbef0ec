import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { seedClassic } from '../helpers/fixtures.js';
import { startPeer, type Peer } from '../helpers/peer.js';
import { subscribe, subscriptionsOpen, wsClient } from '../helpers/ws.js';

// 1,000 subscriptions on one server process while 200 mutations/s run against it for 3 s.
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
  peer = await startPeer(app, { SUBSCRIPTIONS_MAX_PER_IP: String(SUBSCRIPTIONS), LOG_LEVEL: 'warn', DB_POOL_MAX: '10' });

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
    const requests: Promise<void>[] = [];
    const committed = keys.map(() => 0);
    const failures: string[] = [];
    const total = RATE * SECONDS;
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
          }),
      );
    }
    await Promise.all(requests);
    const achieved = total / ((performance.now() - began) / 1000);
    await Promise.all(subs.map(({ key, sub }) => sub.received(committed[keys.indexOf(key)], 60000)));
    await new Promise((r) => setTimeout(r, 500)); // anything extra would show up now
    const metrics = await (await fetch(`${peer.base}/metrics`)).text();
    const rss = Number(/^process_resident_memory_bytes (\S+)$/m.exec(metrics)?.[1]);

    // Exactly once and in commit order: each subscriber saw 1, 2, … (its key's commits), nothing else.
    const expected = (key: (typeof keys)[number]) => Array.from({ length: committed[keys.indexOf(key)] }, (_, q) => q + 1);
    const wrong = subs.filter(({ key, sub }) => JSON.stringify(sub.results.map((r) => r.data?.stockChanged.quantity)) !== JSON.stringify(expected(key)));
    expect(wrong.length).toBe(0);

    const latencies = subs
      .flatMap(({ key }, i) => expected(key).map((q) => arrivals.get(`${i}:${q}`)! - sent.get(`${keys.indexOf(key)}:${q}`)!))
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
      serverRssMb: Math.round(rss / 1024 / 1024),
    };
    process.stdout.write(`\nsubscription load (delivery latency = mutation request sent -> event received): ${JSON.stringify(report)}\n`);
    expect(report.eventsDelivered).toBe((SUBSCRIPTIONS / keys.length) * (total - failures.length));
    expect(failures.length).toBeLessThan(total / 10);
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
  }
}, 300000);
