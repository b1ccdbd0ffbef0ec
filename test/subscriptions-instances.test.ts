import { ApolloClient, gql, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from './helpers/app.js';
import { seedClassic, type ClassicIds } from './helpers/fixtures.js';
import { startPeer, type Peer } from './helpers/peer.js';
import { subscribe, subscriptionsOpen, wsClient } from './helpers/ws.js';

const STOCK = 'subscription Stock($s: ID, $b: ID) { stockChanged(storeId: $s, bookId: $b) { quantity book { title } } }';

let app: TestApp;
let peer: Peer;
let ids: ClassicIds;

beforeAll(async () => {
  app = await startTestApp({ JWT_SECRET: randomBytes(32).toString('hex') });
  ids = await seedClassic(app);
  peer = await startPeer(app);
}, 120000);
afterAll(async () => {
  await peer?.stop();
  await app?.close();
});

it("an EDITOR's adjustStock reaches a graphql-ws subscriber on this process and an Apollo Client (GraphQLWsLink) one on another, with the exact new quantity", async () => {
  const editor = (await app.as('EDITOR')).authorization.slice('Bearer '.length);
  const here = wsClient(app.url, editor);
  const thereWs = wsClient(peer.base, editor);
  const apollo = new ApolloClient({ link: new GraphQLWsLink(thereWs), cache: new InMemoryCache() });
  const apolloResults: unknown[] = [];
  try {
    const local = subscribe(here, STOCK, { s: ids.stores.amazon, b: ids.books.ansible });
    const remote = apollo
      .subscribe({ query: gql(STOCK), variables: { s: ids.stores.amazon, b: ids.books.ansible } })
      .subscribe({ next: (r) => apolloResults.push(r) });
    await subscriptionsOpen(app.url, 1);
    await subscriptionsOpen(peer.base, 1);

    const res = await app.gql(
      'mutation($s: ID!, $b: ID!) { adjustStock(storeId: $s, bookId: $b, delta: -4) { quantity } }',
      { s: ids.stores.amazon, b: ids.books.ansible },
      { authorization: `Bearer ${editor}` },
    );
    expect(res.body).toEqual({ data: { adjustStock: { quantity: 6 } } });

    expect(await local.received(1)).toEqual([{ data: { stockChanged: { quantity: 6, book: { title: 'Ansible Refresher' } } } }]);
    const deadline = Date.now() + 15000;
    while (apolloResults.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(apolloResults).toEqual([
      { data: { stockChanged: { __typename: 'Inventory', quantity: 6, book: { __typename: 'Book', title: 'Ansible Refresher' } } } },
    ]);
    remote.unsubscribe();
  } finally {
    apollo.stop();
    await Promise.all([here.dispose(), thereWs.dispose()]);
  }
});

it('the other process logs one line per WebSocket connection, with its duration and counts', async () => {
  const client = wsClient(peer.base);
  subscribe(client, STOCK);
  await subscriptionsOpen(peer.base, 1);
  await client.dispose();
  const deadline = Date.now() + 10000;
  const lines = () =>
    peer.run
      .output()
      .split('\n')
      .filter((l) => l.includes('"msg":"websocket connection"'));
  while (lines().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(JSON.parse(lines()[1])).toEqual(expect.objectContaining({ ip: '127.0.0.1', durationMs: expect.any(Number), subscriptions: 1, events: 0, code: 1000 }));
});
