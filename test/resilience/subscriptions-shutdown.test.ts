import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { seedClassic } from '../helpers/fixtures.js';
import { startPeer } from '../helpers/peer.js';
import { subscribe, subscriptionsOpen, wsClient } from '../helpers/ws.js';

const CONNECTIONS = 10;
const PER_CONNECTION = 10;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ JWT_SECRET: randomBytes(32).toString('hex') });
});
afterAll(() => app?.close());

it('SIGTERM with 100 open subscriptions: the event already committed is delivered, every client sees a clean close (1001), the process exits 0', async () => {
  const ids = await seedClassic(app);
  const peer = await startPeer(app);
  const closes: { code: number; wasClean: boolean }[] = [];
  const clients = Array.from({ length: CONNECTIONS }, () =>
    wsClient(peer.base, undefined, { onClosed: (e) => closes.push({ code: e.code, wasClean: e.wasClean }) }),
  );
  try {
    const subs = clients.flatMap((c) =>
      Array.from({ length: PER_CONNECTION }, () => subscribe(c, 'subscription($s: ID) { stockChanged(storeId: $s) { quantity } }', { s: ids.stores.flipkart })),
    );
    await subscriptionsOpen(peer.base, CONNECTIONS * PER_CONNECTION);

    await app.gql('mutation($s: ID!, $b: ID!) { adjustStock(storeId: $s, bookId: $b, delta: 1) { quantity } }', {
      s: ids.stores.flipkart,
      b: ids.books.ansible,
    });
    const code = await peer.stop();

    expect(code).toBe(0);
    expect(peer.run.output()).toContain('"msg":"stopped"');
    expect(subs.map((s) => s.results)).toEqual(subs.map(() => [{ data: { stockChanged: { quantity: 6 } } }]));
    expect(closes).toEqual(clients.map(() => ({ code: 1001, wasClean: true })));
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    await peer.stop();
  }
});
