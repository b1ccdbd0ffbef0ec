import { ANONYMOUS, bearer, useTestApp, type GqlResult } from './helpers/app.js';

// Tokens follow their user: a role change, a password change or a deletion applies to tokens
// already issued, on their next request, on the compiled read path and on Apollo's alike.
// Several scrypt hashes (~0.5 s each when idle) per test: generous under a loaded machine.
jest.setTimeout(240_000);

const app = useTestApp({ AUTH_USER_CACHE_MS: '300' });

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { id role } } }';
const CREATE_USER = 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }';
const UPDATE_ROLE = 'mutation($id: ID!, $r: Role!) { updateUserRole(id: $id, role: $r) { email role } }';
const DELETE_USER = 'mutation($id: ID!) { deleteUser(id: $id) }';
const CHANGE_PASSWORD = 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { token user { email } } }';
const AUDIT_LOG = '{ auditLog(limit: 1) { limit } }';
const PUBLIC = '{ authors { totalCount } }';
// Apollo answers requests that ask for graphql-response+json; plain JSON reads go the compiled path.
const VIA_APOLLO = { accept: 'application/graphql-response+json' };

const codes = (res: GqlResult) => res.body.errors?.map((e) => e.extensions.code);
let users = 0;

/** A new user with this role, signed in: its id, password and token headers. */
async function signedIn(role: 'ADMIN' | 'EDITOR'): Promise<{ id: string; email: string; password: string; headers: Record<string, string> }> {
  const email = `revoked-${++users}@example.com`;
  const password = `revoked-password-${users}`;
  const made = await app.gql<{ createUser: { id: string } }>(CREATE_USER, { i: { email, password, role } });
  expect(made.body.errors).toBeUndefined();
  const res = await app.gql<{ login: { token: string } }>(LOGIN, { e: email, p: password }, ANONYMOUS);
  return { id: made.body.data!.createUser.id, email, password, headers: bearer(res.body.data!.login.token) };
}

/** The same public read through both paths: status, code and the statements it took. */
async function publicRead(headers: Record<string, string>): Promise<[number, unknown][]> {
  const compiled = await app.gql(PUBLIC, {}, headers);
  const apollo = await app.gql(PUBLIC, {}, { ...headers, ...VIA_APOLLO });
  return [compiled, apollo].map((r) => [r.status, codes(r) ?? r.body.data]);
}

describe('a demoted ADMIN', () => {
  it('gets FORBIDDEN on auditLog and createUser on the very next request, and writes nothing', async () => {
    const admin = await signedIn('ADMIN');
    expect((await app.gql(AUDIT_LOG, {}, admin.headers)).body).toEqual({ data: { auditLog: { limit: 1 } } });
    const demoted = await app.gql(UPDATE_ROLE, { id: admin.id, r: 'EDITOR' });
    expect(demoted.body).toEqual({ data: { updateUserRole: { email: admin.email, role: 'EDITOR' } } });
    const before = await app.snapshot();
    expect(codes(await app.gql(AUDIT_LOG, {}, admin.headers))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(CREATE_USER, { i: { email: 'made-by-demoted@example.com', password: 'long-enough-1', role: 'ADMIN' } }, admin.headers))).toEqual(
      ['FORBIDDEN'],
    );
    expect(await app.snapshot()).toEqual(before);
    // Still signed in (as an EDITOR) on both read paths.
    expect(await publicRead(admin.headers)).toEqual([
      [200, { authors: { totalCount: 0 } }],
      [200, { authors: { totalCount: 0 } }],
    ]);
    expect((await app.gql('{ me { role } }', {}, admin.headers)).body).toEqual({ data: { me: { role: 'EDITOR' } } });
  });

  it('demoted in the database by someone else (another instance): FORBIDDEN within AUTH_USER_CACHE_MS', async () => {
    const admin = await signedIn('ADMIN');
    expect((await app.gql(AUDIT_LOG, {}, admin.headers)).body.errors).toBeUndefined();
    await app.pg.query(`UPDATE app_user SET role = 'EDITOR' WHERE id = $1`, [admin.id]);
    await new Promise((r) => setTimeout(r, 350));
    expect(codes(await app.gql(AUDIT_LOG, {}, admin.headers))).toEqual(['FORBIDDEN']);
  });

  it('updateUserRole is ADMIN only and NOT_FOUND for an unknown user, writing nothing', async () => {
    const editor = await signedIn('EDITOR');
    const before = await app.snapshot();
    expect(codes(await app.gql(UPDATE_ROLE, { id: editor.id, r: 'ADMIN' }, editor.headers))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(UPDATE_ROLE, { id: editor.id, r: 'ADMIN' }, ANONYMOUS))).toEqual(['UNAUTHENTICATED']);
    expect((await app.gql(UPDATE_ROLE, { id: '999999', r: 'ADMIN' })).body.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', entity: 'User', id: '999999' });
    expect(await app.snapshot()).toEqual(before);
  });
});

describe('a deleted user', () => {
  it('their token is UNAUTHENTICATED (401) on the next request, on both read paths and on mutations', async () => {
    const editor = await signedIn('EDITOR');
    const compiled = await app.gql(PUBLIC, {}, editor.headers);
    expect([compiled.status, compiled.headers.get('x-sql-statements')]).toEqual([200, '1']); // the compiled path served it
    expect((await app.gql(DELETE_USER, { id: editor.id })).body).toEqual({ data: { deleteUser: editor.id } });
    const before = await app.snapshot();
    expect(await publicRead(editor.headers)).toEqual([
      [401, ['UNAUTHENTICATED']],
      [401, ['UNAUTHENTICATED']],
    ]);
    const write = await app.gql('mutation { createAuthor(input: { name: "Ghost", email: "ghost@example.com" }) { id } }', {}, editor.headers);
    expect([write.status, codes(write)]).toEqual([401, ['UNAUTHENTICATED']]);
    expect(await app.snapshot()).toEqual(before);
  });

  it('audit entries keep who acted (id and email); actor itself is null', async () => {
    const editor = await signedIn('EDITOR');
    await app.gql('mutation { createAuthor(input: { name: "Left Behind", email: "left-behind@example.com" }) { id } }', {}, editor.headers);
    await app.gql(DELETE_USER, { id: editor.id });
    const log = await app.gql<{ auditLog: { items: unknown[] } }>(
      '{ auditLog(filter: { entity: { eq: "Author" } }, limit: 1) { items { action actorId actorEmail actor { id } } } }',
    );
    expect(log.body).toEqual({ data: { auditLog: { items: [{ action: 'createAuthor', actorId: editor.id, actorEmail: editor.email, actor: null }] } } });
    const deletion = await app.gql('{ auditLog(filter: { action: { eq: "deleteUser" } }, limit: 1) { items { entityId changes actorEmail } } }');
    expect(deletion.body).toEqual({
      data: {
        auditLog: {
          items: [
            { entityId: editor.id, changes: { email: { from: editor.email, to: null }, role: { from: 'EDITOR', to: null } }, actorEmail: app.admin.email },
          ],
        },
      },
    });
  });

  it('every audit entry has its actor email: the one-statement writes give it, the trigger fills it in for a writer that does not', async () => {
    const editor = await signedIn('EDITOR');
    const author = await app.gql<{ createAuthor: { id: string } }>(
      'mutation { createAuthor(input: { name: "Mail Check", email: "mail-check@example.com" }) { id } }',
    );
    const store = await app.gql<{ createStore: { id: string } }>('mutation { createStore(input: { name: "Mail Check Store" }) { id } }');
    const book = await app.gql<{ createBook: { id: string } }>(
      'mutation($a: ID!) { createBook(input: { title: "Mail Check Book", authorId: $a }) { id } }',
      { a: author.body.data!.createAuthor.id },
      editor.headers,
    );
    const stock = await app.gql(
      'mutation($s: ID!, $b: ID!) { setStock(storeId: $s, bookId: $b, quantity: 3) { quantity } }',
      { s: store.body.data!.createStore.id, b: book.body.data!.createBook.id },
      editor.headers,
    );
    expect(stock.body).toEqual({ data: { setStock: { quantity: 3 } } });
    await app.pg.query(`INSERT INTO audit_entry (actor_id, action, entity) VALUES ($1, 'handWritten', 'Test')`, [editor.id]);
    const { rows } = await app.pg.query(`SELECT action, actor_email FROM audit_entry WHERE actor_id = $1 ORDER BY id`, [editor.id]);
    expect(rows).toEqual([
      { action: 'login', actor_email: editor.email },
      { action: 'createBook', actor_email: editor.email },
      { action: 'setStock', actor_email: editor.email },
      { action: 'handWritten', actor_email: editor.email },
    ]);
  });

  it('deleteUser is ADMIN only and NOT_FOUND for an unknown user, writing nothing', async () => {
    const editor = await signedIn('EDITOR');
    const before = await app.snapshot();
    expect(codes(await app.gql(DELETE_USER, { id: editor.id }, editor.headers))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(DELETE_USER, { id: '999999' }))).toEqual(['NOT_FOUND']);
    expect(await app.snapshot()).toEqual(before);
  });
});

describe('changePassword', () => {
  it('revokes every older token of that user on both paths; the token it returns works', async () => {
    const editor = await signedIn('EDITOR');
    const other = await app.gql<{ login: { token: string } }>(LOGIN, { e: editor.email, p: editor.password }, ANONYMOUS);
    const res = await app.gql<{ changePassword: { token: string; user: object } }>(
      CHANGE_PASSWORD,
      { i: { currentPassword: editor.password, newPassword: 'a-new-password-1' } },
      editor.headers,
    );
    expect(res.body.data?.changePassword.user).toEqual({ email: editor.email });
    for (const old of [editor.headers, bearer(other.body.data!.login.token)]) {
      expect(await publicRead(old)).toEqual([
        [401, ['UNAUTHENTICATED']],
        [401, ['UNAUTHENTICATED']],
      ]);
    }
    const fresh = bearer(res.body.data!.changePassword.token);
    expect((await app.gql('{ me { email } }', {}, fresh)).body).toEqual({ data: { me: { email: editor.email } } });
    expect(codes(await app.gql(LOGIN, { e: editor.email, p: editor.password }, ANONYMOUS))).toEqual(['UNAUTHENTICATED']);
    expect((await app.gql(LOGIN, { e: editor.email, p: 'a-new-password-1' }, ANONYMOUS)).body.errors).toBeUndefined();
  });

  it('a wrong current password or a short new one is BAD_USER_INPUT, writes nothing and revokes nothing', async () => {
    const editor = await signedIn('EDITOR');
    const before = await app.snapshot();
    const wrong = await app.gql(CHANGE_PASSWORD, { i: { currentPassword: 'not-it-at-all', newPassword: 'a-new-password-1' } }, editor.headers);
    expect(wrong.body.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.currentPassword', message: 'is not the current password' }],
    });
    const short = await app.gql(CHANGE_PASSWORD, { i: { currentPassword: editor.password, newPassword: 'short' } }, editor.headers);
    expect(short.body.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.newPassword', message: 'must be 8 to 1024 characters' }],
    });
    expect(codes(await app.gql(CHANGE_PASSWORD, { i: { currentPassword: 'x', newPassword: 'a-new-password-1' } }, ANONYMOUS))).toEqual(['UNAUTHENTICATED']);
    expect(await app.snapshot()).toEqual(before);
    expect((await app.gql('{ me { email } }', {}, editor.headers)).body).toEqual({ data: { me: { email: editor.email } } });
  });
});
