import { randomBytes } from 'node:crypto';
import pg from 'pg';
import WebSocket from 'ws';
import { ANONYMOUS, startTestApp, type TestApp } from './helpers/app.js';
import { seedClassic, type ClassicIds } from './helpers/fixtures.js';
import { subscribe, subscriptionsOpen, wsClient } from './helpers/ws.js';

const STOCK = 'subscription($s: ID, $b: ID) { stockChanged(storeId: $s, bookId: $b) { quantity book { title } store { name } } }';
const ADJUST = 'mutation($s: ID!, $b: ID!, $d: Int!) { adjustStock(storeId: $s, bookId: $b, delta: $d) { quantity } }';

let app: TestApp;
let ids: ClassicIds;
let editor: string;

beforeAll(async () => {
  app = await startTestApp({ JWT_SECRET: randomBytes(32).toString('hex') });
  ids = await seedClassic(app);
  editor = (await app.as('EDITOR')).authorization.slice('Bearer '.length);
});
afterAll(() => app?.close());

describe('stockChanged', () => {
  it('sends nothing for a failed or rolled-back change, then the exact quantity of the next commit', async () => {
    const client = wsClient(app.url, editor);
    try {
      const sub = subscribe(client, STOCK, { s: ids.stores.flipkart, b: ids.books.ansible });
      await subscriptionsOpen(app.url, 1);
      const before = await app.snapshot();
      const failed = await app.gql(ADJUST, { s: ids.stores.flipkart, b: ids.books.ansible, d: -1000 }, { authorization: `Bearer ${editor}` });
      expect(failed.body.errors?.[0].extensions.code).toBe('CONFLICT');
      // A transaction that wrote its audit entry (the row that notifies) and then rolled back.
      await app.pg.query('BEGIN');
      await app.pg.query(
        `INSERT INTO audit_entry (action, entity, entity_id, changes) VALUES ('adjustStock', 'Inventory', $1, '{"quantity":{"from":5,"to":99}}')`,
        [`${ids.books.ansible}:${ids.stores.flipkart}`],
      );
      await app.pg.query('ROLLBACK');
      expect(await app.snapshot()).toEqual(before);

      await app.gql(ADJUST, { s: ids.stores.flipkart, b: ids.books.ansible, d: 2 }, { authorization: `Bearer ${editor}` });
      expect(await sub.received(1)).toEqual([{ data: { stockChanged: { quantity: 7, book: { title: 'Ansible Refresher' }, store: { name: 'Flipkart' } } } }]);
      await new Promise((r) => setTimeout(r, 300));
      expect(sub.results).toHaveLength(1);
      sub.stop();
    } finally {
      await client.dispose();
    }
  });

  it('runs the selection once per event for all clients with the same operation', async () => {
    const clients = [wsClient(app.url), wsClient(app.url), wsClient(app.url)];
    try {
      const subs = clients.flatMap((c) => [subscribe(c, STOCK, { s: ids.stores.amazon }), subscribe(c, STOCK, { s: ids.stores.amazon })]);
      await subscriptionsOpen(app.url, 6);
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      expect(metrics).toMatch(/^graphql_subscription_operations 1$/m);
      expect(metrics).toMatch(/^graphql_ws_connections 3$/m);
      await app.gql(ADJUST, { s: ids.stores.amazon, b: ids.books.communication, d: -3 });
      for (const sub of subs)
        expect(await sub.received(1)).toEqual([
          { data: { stockChanged: { quantity: 7, book: { title: 'Effective Communication' }, store: { name: 'Amazon' } } } },
        ]);
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });
  it('holds a commit back while an earlier audit id is still in flight, then sends both in id order', async () => {
    const client = wsClient(app.url, editor);
    const held = new pg.Client({ connectionString: app.db.orm.config.get('clientUrl') });
    await held.connect();
    try {
      const sub = subscribe(client, 'subscription($s: ID, $b: ID) { stockChanged(storeId: $s, bookId: $b) { quantity } }', {
        s: ids.stores.amazon,
        b: ids.books.communication,
      });
      await subscriptionsOpen(app.url, 1);
      // A writer that drew its audit id and has not committed yet (it locks no row: ids, not locks, order events).
      await held.query('BEGIN');
      await held.query(
        `INSERT INTO audit_entry (action, entity, entity_id, changes) VALUES ('adjustStock', 'Inventory', $1, '{"quantity":{"from":7,"to":8}}')`,
        [`${ids.books.communication}:${ids.stores.amazon}`],
      );
      const answer = await app.gql(ADJUST, { s: ids.stores.amazon, b: ids.books.communication, d: 5 }, { authorization: `Bearer ${editor}` });
      expect(answer.body).toEqual({ data: { adjustStock: { quantity: 12 } } });
      await new Promise((r) => setTimeout(r, 300));
      expect(sub.results).toEqual([]);
      await held.query('COMMIT');
      expect(await sub.received(2)).toEqual([{ data: { stockChanged: { quantity: 8 } } }, { data: { stockChanged: { quantity: 12 } } }]);
      sub.stop();
    } finally {
      await held.end();
      await client.dispose();
    }
  });
});

describe('bookChanged and auditAppended', () => {
  it('bookChanged sends the book as it is now, then its deletion', async () => {
    const client = wsClient(app.url);
    try {
      const sub = subscribe(client, 'subscription($id: ID) { bookChanged(id: $id) { id action deleted book { title } } }', { id: ids.books.sqlalchemy });
      await subscriptionsOpen(app.url, 1);
      await app.gql('mutation($id: ID!) { updateBook(id: $id, input: { title: "Exploring SQLAlchemy 2" }) { id } }', { id: ids.books.sqlalchemy });
      // The book is re-read when its event is sent: deleting it before then would (rightly) send book: null.
      await sub.received(1);
      await app.gql('mutation($id: ID!) { deleteBook(id: $id) }', { id: ids.books.sqlalchemy });
      expect(await sub.received(2)).toEqual([
        { data: { bookChanged: { id: ids.books.sqlalchemy, action: 'updateBook', deleted: false, book: { title: 'Exploring SQLAlchemy 2' } } } },
        { data: { bookChanged: { id: ids.books.sqlalchemy, action: 'deleteBook', deleted: true, book: null } } },
      ]);
    } finally {
      await client.dispose();
    }
  });

  it('auditAppended: UNAUTHENTICATED anonymously, FORBIDDEN for an EDITOR, every entry for an ADMIN', async () => {
    const [anonymous, asEditor, asAdmin] = [wsClient(app.url), wsClient(app.url, editor), wsClient(app.url, app.admin.token)];
    try {
      const query = 'subscription { auditAppended { action entity entityId actor { email } } }';
      const refused = [subscribe(anonymous, query), subscribe(asEditor, query)];
      const codes = await Promise.all(refused.map(async (s) => (await s.ended, s.results.map((r) => r.errors?.map((e) => e.extensions?.code)))));
      expect(codes).toEqual([[['UNAUTHENTICATED']], [['FORBIDDEN']]]);
      const sub = subscribe(asAdmin, query);
      await subscriptionsOpen(app.url, 1);
      await app.gql(
        'mutation($s: ID!, $b: ID!) { setStock(storeId: $s, bookId: $b, quantity: 1) { quantity } }',
        { s: ids.stores.flipkart, b: ids.books.ansible },
        { authorization: `Bearer ${editor}` },
      );
      expect(await sub.received(1)).toEqual([
        {
          data: {
            auditAppended: {
              action: 'setStock',
              entity: 'Inventory',
              entityId: `${ids.books.ansible}:${ids.stores.flipkart}`,
              actor: { email: expect.stringMatching(/^editor-/) },
            },
          },
        },
      ]);
    } finally {
      await Promise.all([anonymous, asEditor, asAdmin].map((c) => c.dispose()));
    }
  });
});

describe('refusals', () => {
  it('a bad token closes the connection with 4403; queries, invalid and too deep documents are refused with their code', async () => {
    const closes: number[] = [];
    const bad = wsClient(app.url, 'not-a-token', { onClosed: (e) => closes.push(e.code) });
    const ended = await subscribe(bad, STOCK).ended;
    expect([closes, (ended?.[0] as { code?: number }).code]).toEqual([[4403], 4403]);

    const client = wsClient(app.url);
    try {
      const refusal = async (query: string) => (await subscribe(client, query).ended)?.map((e) => (e as { extensions?: { code?: string } }).extensions?.code);
      expect(await refusal('{ authors { totalCount } }')).toEqual(['BAD_REQUEST']);
      expect(await refusal('subscription { stockChanged { nope } }')).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(
        await refusal(
          'subscription { stockChanged { book { author { books { items { author { books { items { author { books { items { title } } } } } } } } } } } }',
        ),
      ).toEqual(['QUERY_TOO_COMPLEX']);
      expect(await refusal('subscription { stockChanged(storeId: "x") { quantity } }')).toEqual(undefined);
    } finally {
      await client.dispose();
    }
  });

  it('an upgrade from an origin CORS does not allow is 403; a connection that never initialises is closed (4408)', async () => {
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${app.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', { headers: { origin: 'https://evil.example' } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(status).toBe(403);
    const quick = await startTestApp({ SUBSCRIPTIONS_INIT_TIMEOUT_MS: '200', ADMIN_EMAIL: '' });
    try {
      const code = await new Promise<number>((resolve) =>
        new WebSocket(`${quick.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws').on('close', resolve),
      );
      expect(code).toBe(4408);
    } finally {
      await quick.close();
    }
  });

  it('per-connection and per-IP subscription limits are TOO_MANY_SUBSCRIPTIONS', async () => {
    const limited = await startTestApp({ SUBSCRIPTIONS_MAX_PER_CONNECTION: '2', SUBSCRIPTIONS_MAX_PER_IP: '3' });
    const [a, b] = [wsClient(limited.url), wsClient(limited.url)];
    try {
      const code = async (s: ReturnType<typeof subscribe>) =>
        (await s.ended)?.map((e) => (e as { extensions?: { code?: string; rule?: string } }).extensions?.rule);
      subscribe(a, STOCK);
      subscribe(a, STOCK);
      expect(await code(subscribe(a, STOCK))).toEqual(['per_connection']);
      subscribe(b, STOCK);
      expect(await code(subscribe(b, STOCK))).toEqual(['per_ip']);
      await subscriptionsOpen(limited.url, 3);
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
      await limited.close();
    }
  });
});

it('anonymous HTTP cannot see subscription data either: a subscription over HTTP is refused', async () => {
  const res = await app.gql('subscription { auditAppended { id } }', undefined, ANONYMOUS);
  expect([res.status, res.body.errors?.[0].extensions.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
});
