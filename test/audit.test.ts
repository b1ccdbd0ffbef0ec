import { ANONYMOUS, startTestApp, type TestApp } from './helpers/app.js';

let app: TestApp;
let editor: Record<string, string>;

beforeAll(async () => {
  app = await startTestApp();
  editor = await app.as('EDITOR');
});
afterAll(() => app.close());

interface Entry {
  action: string;
  entity: string;
  entityId: string | null;
  changes: unknown;
  actor: { email: string; role: string } | null;
}

async function must<T>(query: string, variables: Record<string, unknown> = {}, headers?: Record<string, string>): Promise<T> {
  const res = await app.gql<T>(query, variables, headers);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data as T;
}

/** The newest `n` entries for one entity type. */
async function latest(entity: string, n: number): Promise<Entry[]> {
  const data = await must<{ auditLog: { items: Entry[] } }>(
    'query($e: String!, $n: Int!) { auditLog(filter: { entity: { eq: $e } }, limit: $n) { items { action entity entityId changes actor { email role } } } }',
    { e: entity, n },
  );
  return data.auditLog.items;
}

const admin = { email: 'admin@example.com', role: 'ADMIN' };

describe('audit entries, written with each change', () => {
  it('records create, update and delete of an author with exact changes, newest first', async () => {
    const { createAuthor } = await must<{ createAuthor: { id: string } }>(
      'mutation { createAuthor(input: { name: " Ann ", email: "ann@example.com" }) { id } }',
    );
    const id = createAuthor.id;
    await must(`mutation { updateAuthor(id: "${id}", input: { name: "Ann B", bio: "Writes.", email: "ann@example.com" }) { id } }`, {}, editor);
    await must(`mutation { updateAuthor(id: "${id}", input: { bio: null }) { id } }`);
    await must(`mutation { deleteAuthor(id: "${id}") }`);
    expect(await latest('Author', 10)).toEqual([
      {
        action: 'deleteAuthor',
        entity: 'Author',
        entityId: id,
        actor: admin,
        changes: { name: { from: 'Ann B', to: null }, email: { from: 'ann@example.com', to: null } },
      },
      { action: 'updateAuthor', entity: 'Author', entityId: id, actor: admin, changes: { bio: { from: 'Writes.', to: null } } },
      {
        action: 'updateAuthor',
        entity: 'Author',
        entityId: id,
        actor: { email: 'editor-1@example.com', role: 'EDITOR' },
        changes: { name: { from: 'Ann', to: 'Ann B' }, bio: { from: null, to: 'Writes.' } },
      },
      {
        action: 'createAuthor',
        entity: 'Author',
        entityId: id,
        actor: admin,
        changes: { name: { from: null, to: 'Ann' }, email: { from: null, to: 'ann@example.com' } },
      },
    ]);
  });

  it('records books, stores and stock', async () => {
    const { createAuthor } = await must<{ createAuthor: { id: string } }>('mutation { createAuthor(input: { name: "Bo", email: "bo@example.com" }) { id } }');
    const { createBook } = await must<{ createBook: { id: string } }>(
      `mutation { createBook(input: { title: "Kafka", authorId: "${createAuthor.id}", isbn: "0-306-40615-2", price: 12.5 }) { id } }`,
    );
    const book = createBook.id;
    await must(`mutation { updateBook(id: "${book}", input: { price: 10, publishedYear: 2001 }) { id } }`);
    const { createStore } = await must<{ createStore: { id: string } }>('mutation { createStore(input: { name: "Corner", city: "Pune" }) { id } }');
    const store = createStore.id;
    await must(`mutation { setStock(storeId: "${store}", bookId: "${book}", quantity: 5) { quantity } }`);
    await must(`mutation { adjustStock(storeId: "${store}", bookId: "${book}", delta: -2) { quantity } }`);
    await must(`mutation { removeBookFromStore(storeId: "${store}", bookId: "${book}") }`);
    await must(`mutation { deleteBook(id: "${book}") }`);
    await must(`mutation { deleteStore(id: "${store}") }`);

    const link = `${book}:${store}`;
    expect(await latest('Book', 3)).toEqual([
      {
        action: 'deleteBook',
        entity: 'Book',
        entityId: book,
        actor: admin,
        changes: {
          title: { from: 'Kafka', to: null },
          authorId: { from: createAuthor.id, to: null },
          isbn: { from: '9780306406157', to: null },
          publishedYear: { from: 2001, to: null },
          price: { from: 10, to: null },
        },
      },
      {
        action: 'updateBook',
        entity: 'Book',
        entityId: book,
        actor: admin,
        changes: { publishedYear: { from: null, to: 2001 }, price: { from: 12.5, to: 10 } },
      },
      {
        action: 'createBook',
        entity: 'Book',
        entityId: book,
        actor: admin,
        changes: {
          title: { from: null, to: 'Kafka' },
          authorId: { from: null, to: createAuthor.id },
          isbn: { from: null, to: '9780306406157' },
          price: { from: null, to: 12.5 },
        },
      },
    ]);
    expect(await latest('Inventory', 3)).toEqual([
      { action: 'removeBookFromStore', entity: 'Inventory', entityId: link, actor: admin, changes: { quantity: { from: 3, to: null } } },
      { action: 'adjustStock', entity: 'Inventory', entityId: link, actor: admin, changes: { quantity: { from: 5, to: 3 } } },
      { action: 'setStock', entity: 'Inventory', entityId: link, actor: admin, changes: { quantity: { from: null, to: 5 } } },
    ]);
    expect(await latest('Store', 2)).toEqual([
      {
        action: 'deleteStore',
        entity: 'Store',
        entityId: store,
        actor: admin,
        changes: { name: { from: 'Corner', to: null }, city: { from: 'Pune', to: null } },
      },
      {
        action: 'createStore',
        entity: 'Store',
        entityId: store,
        actor: admin,
        changes: { name: { from: null, to: 'Corner' }, city: { from: null, to: 'Pune' } },
      },
    ]);
  });

  it('records users without any password or hash, and sign-ins', async () => {
    await must('mutation { createUser(input: { email: "eve@example.com", password: "eve-password-1", role: EDITOR }) { id } }');
    const [created] = await latest('User', 1);
    expect(created).toEqual({
      action: 'createUser',
      entity: 'User',
      entityId: expect.any(String),
      actor: admin,
      changes: { email: { from: null, to: 'eve@example.com' }, role: { from: null, to: 'EDITOR' } },
    });
    const { rows } = await app.pg.query(`SELECT changes::text AS text FROM audit_entry WHERE entity = 'User'`);
    for (const row of rows) expect(row.text ?? '').not.toMatch(/scrypt|password-1/);
    await must('mutation { login(email: "eve@example.com", password: "eve-password-1") { token } }', {}, ANONYMOUS);
    expect(await latest('User', 1)).toEqual([
      { action: 'login', entity: 'User', entityId: created.entityId, actor: { email: 'eve@example.com', role: 'EDITOR' }, changes: null },
    ]);
  });

  it('writes nothing, not even an audit entry, when a mutation fails', async () => {
    await must('mutation { createAuthor(input: { name: "Cy", email: "cy@example.com" }) { id } }');
    const { createAuthor } = await must<{ createAuthor: { id: string } }>('mutation { createAuthor(input: { name: "Di", email: "di@example.com" }) { id } }');
    await must(`mutation { createBook(input: { title: "Held", authorId: "${createAuthor.id}" }) { id } }`);
    const before = await app.snapshot();
    const failures: [string, string][] = [
      ['mutation { createAuthor(input: { name: "Cy again", email: "CY@example.com" }) { id } }', 'CONFLICT'],
      [`mutation { updateAuthor(id: "${createAuthor.id}", input: { email: "cy@example.com" }) { id } }`, 'CONFLICT'],
      ['mutation { updateAuthor(id: "99999", input: { name: "Nobody" }) { id } }', 'NOT_FOUND'],
      [`mutation { deleteAuthor(id: "${createAuthor.id}") }`, 'CONFLICT'],
      ['mutation { createBook(input: { title: "Orphan", authorId: "99999" }) { id } }', 'BAD_USER_INPUT'],
      ['mutation { adjustStock(storeId: "99999", bookId: "1", delta: 1) { quantity } }', 'NOT_FOUND'],
    ];
    for (const [query, code] of failures) {
      const res = await app.gql(query);
      expect(res.body.errors?.map((e) => e.extensions.code)).toEqual([code]);
    }
    expect(await app.snapshot()).toEqual(before);
  });
});

describe('auditLog', () => {
  it('pages newest first and filters by action', async () => {
    const page = await must<{ auditLog: { totalCount: number; offset: number; limit: number; hasNextPage: boolean; items: { id: string }[] } }>(
      '{ auditLog(offset: 1, limit: 2) { totalCount offset limit hasNextPage items { id } } }',
    );
    const { rows } = await app.pg.query('SELECT id::text AS id FROM audit_entry ORDER BY audit_entry.id DESC');
    expect(page.auditLog).toEqual({ totalCount: rows.length, offset: 1, limit: 2, hasNextPage: true, items: [{ id: rows[1].id }, { id: rows[2].id }] });
    const filtered = await must<{ auditLog: { items: { action: string }[] } }>(
      '{ auditLog(filter: { action: { startsWith: "adjust" } }) { items { action entity } } }',
    );
    expect(filtered.auditLog.items).toEqual([{ action: 'adjustStock', entity: 'Inventory' }]);
  });

  it('shows a null actor for what the system did at boot (ADMIN_EMAIL)', async () => {
    const data = await must<{ auditLog: { items: unknown[] } }>(
      '{ auditLog(filter: { action: { eq: "ensureAdmin" } }) { items { action entity actor { email } changes } } }',
    );
    expect(data.auditLog.items).toEqual([
      { action: 'ensureAdmin', entity: 'User', actor: null, changes: { email: { from: null, to: 'admin@example.com' }, role: { from: null, to: 'ADMIN' } } },
    ]);
  });
});
