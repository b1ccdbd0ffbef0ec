import { startTestApp, type GqlResult, type TestApp } from './helpers/app.js';

// The 60 × adjustStock(-1) race lives in inventory.test.ts.
let app: TestApp;

const CREATE_AUTHOR = 'mutation($i: CreateAuthorInput!) { createAuthor(input: $i) { id } }';
const CREATE_BOOK = 'mutation($i: CreateBookInput!) { createBook(input: $i) { id version } }';
const UPDATE_BOOK = 'mutation($id: ID!, $i: UpdateBookInput!) { updateBook(id: $id, input: $i) { title price version } }';
const DELETE_AUTHOR = 'mutation($id: ID!) { deleteAuthor(id: $id) }';

const codeOf = (res: GqlResult): string => (res.body.errors ? String(res.body.errors[0].extensions.code) : 'OK');

function tally(results: GqlResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) out[codeOf(r)] = (out[codeOf(r)] ?? 0) + 1;
  return out;
}

async function author(email: string): Promise<string> {
  return (await app.gql<{ createAuthor: { id: string } }>(CREATE_AUTHOR, { i: { name: 'Racer', email } })).body.data!.createAuthor.id;
}

async function book(authorId: string, title: string, price = 0): Promise<{ id: string; version: number }> {
  return (await app.gql<{ createBook: { id: string; version: number } }>(CREATE_BOOK, { i: { title, authorId, price } })).body.data!.createBook;
}

/** Resolves once `count` backends of the test database are waiting for a lock. */
async function waitForLockWaiters(count: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await app.pg.query('SELECT pg_stat_clear_snapshot()'); // inside a transaction the view is otherwise frozen
    const { rows } = await app.pg.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
    if (rows[0].n >= count) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`fewer than ${count} backends ever waited for a lock`);
}

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('concurrent writers', () => {
  it('two updateBook from the same version: one wins, the other CONFLICT, even when both passed the version check', async () => {
    const a = await author('versions@example.com');
    const b = await book(a, 'Original');
    // Hold the row so both requests read version 1, pass the check, and queue on their UPDATE.
    await app.pg.query('BEGIN');
    await app.pg.query('SELECT 1 FROM book WHERE id = $1 FOR UPDATE', [b.id]);
    const racing = ['Edit A', 'Edit B'].map((title) => app.gql(UPDATE_BOOK, { id: b.id, i: { title, expectedVersion: b.version } }));
    await waitForLockWaiters(2);
    await app.pg.query('COMMIT');
    const results = await Promise.all(racing);
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'OK']);
    const winner = results.find((r) => !r.body.errors)!.body.data as { updateBook: { title: string; version: number } };
    const loser = results.find((r) => r.body.errors)!.body.errors![0];
    expect(loser.extensions).toEqual({ code: 'CONFLICT', fields: [{ path: 'input.expectedVersion', message: 'is not the current version' }] });
    expect(winner.updateBook.version).toBe(b.version + 1);
    const { rows } = await app.pg.query('SELECT title, version FROM book WHERE id = $1', [b.id]);
    expect(rows).toEqual([{ title: winner.updateBook.title, version: b.version + 1 }]);
  });

  it('an update from a stale version is CONFLICT and changes nothing', async () => {
    const a = await author('stale@example.com');
    const b = await book(a, 'Stale Base');
    expect(codeOf(await app.gql(UPDATE_BOOK, { id: b.id, i: { title: 'First', expectedVersion: b.version } }))).toBe('OK');
    expect(codeOf(await app.gql(UPDATE_BOOK, { id: b.id, i: { title: 'Second', expectedVersion: b.version } }))).toBe('CONFLICT');
    expect((await app.pg.query('SELECT title, version FROM book WHERE id = $1', [b.id])).rows).toEqual([{ title: 'First', version: b.version + 1 }]);
  });

  it('loses no update: 10 clients each add 1 to the price with read-modify-write and retry on CONFLICT', async () => {
    const a = await author('increments@example.com');
    const b = await book(a, 'Counter', 0);
    let conflicts = 0;
    const client = async () => {
      for (;;) {
        const read = await app.gql<{ book: { price: number; version: number } }>('query($id: ID!) { book(id: $id) { price version } }', { id: b.id });
        const { price, version } = read.body.data!.book;
        const res = await app.gql(UPDATE_BOOK, { id: b.id, i: { price: price + 1, expectedVersion: version } });
        if (codeOf(res) === 'OK') return;
        expect(codeOf(res)).toBe('CONFLICT');
        conflicts++;
      }
    };
    await Promise.all(Array.from({ length: 10 }, client));
    expect((await app.pg.query('SELECT price::float AS price, version FROM book WHERE id = $1', [b.id])).rows).toEqual([
      { price: 10, version: b.version + 10 },
    ]);
    expect(conflicts).toBeGreaterThan(0);
  });

  it('20 concurrent createAuthor with one email: 1 OK, 19 CONFLICT, one row', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => app.gql(CREATE_AUTHOR, { i: { name: `Twin ${i}`, email: i % 2 ? 'Twin@Example.com' : 'twin@example.com' } })),
    );
    expect(tally(results)).toEqual({ OK: 1, CONFLICT: 19 });
    expect((await app.pg.query("SELECT count(*)::int AS n FROM author WHERE lower(email) = 'twin@example.com'")).rows).toEqual([{ n: 1 }]);
  });

  it('deleteAuthor racing createBook for that author never leaves an orphan book', async () => {
    const outcomes: Record<string, number> = {};
    for (let round = 0; round < 25; round++) {
      const a = await author(`orphan${round}@example.com`);
      const create = () => app.gql(CREATE_BOOK, { i: { title: `Orphan? ${round}`, authorId: a } });
      const remove = () => app.gql(DELETE_AUTHOR, { id: a });
      // Alternate which request leaves first, so both orders of arrival are exercised.
      const [created, deleted] = round % 2 ? await Promise.all([create(), remove()]) : await Promise.all([remove(), create()]).then(([d, c]) => [c, d]);
      const pair = `${codeOf(created)}/${codeOf(deleted)}`;
      expect(['OK/CONFLICT', 'BAD_USER_INPUT/OK']).toContain(pair);
      outcomes[pair] = (outcomes[pair] ?? 0) + 1;
    }
    const { rows } = await app.pg.query('SELECT count(*)::int AS n FROM book b LEFT JOIN author a ON a.id = b.author_id WHERE a.id IS NULL');
    expect(rows).toEqual([{ n: 0 }]);
    process.stdout.write(`deleteAuthor vs createBook outcomes (createBook/deleteAuthor): ${JSON.stringify(outcomes)}\n`);
  });
});
