import { SignJWT } from 'jose';
import { ANONYMOUS, bearer, startTestApp, type TestApp } from './helpers/app.js';

// Every sign-in is an scrypt hash (~0.5 s idle, tens of seconds on an overloaded machine).
jest.setTimeout(240_000);

let app: TestApp;
let editor: Record<string, string>;
let secret: Uint8Array;

beforeAll(async () => {
  app = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_SECONDS: '2' });
  editor = await app.as('EDITOR');
  secret = new TextEncoder().encode(app.config.jwtSecret);
});
afterAll(() => app.close());

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { email role } } }';
const CREATE_AUTHOR = 'mutation($i: CreateAuthorInput!) { createAuthor(input: $i) { name } }';
const CREATE_USER = 'mutation($i: CreateUserInput!) { createUser(input: $i) { email role } }';
const AUDIT_LOG = '{ auditLog(limit: 1) { limit } }';
const PUBLIC = '{ authors { totalCount } }';

const codes = (res: { body: { errors?: { extensions: Record<string, unknown> }[] } }) => res.body.errors?.map((e) => e.extensions.code);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

const claims = (id: string) => ({ email: app.admin.email, role: 'ADMIN', sub: id, iss: 'bookstore-api', aud: 'bookstore-api' });

describe('login and me', () => {
  it('signs in with the right password and returns a 12-hour HS256 token', async () => {
    const res = await app.gql<{ login: { token: string; user: object } }>(LOGIN, { e: 'ADMIN@example.com', p: app.admin.password }, ANONYMOUS);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.login.user).toEqual({ email: 'admin@example.com', role: 'ADMIN' });
    const [header, payload] = res.body
      .data!.login.token.split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect((payload.exp as number) - (payload.iat as number)).toBe(12 * 3600);
    const me = await app.gql(`{ me { email role } }`, {}, bearer(res.body.data!.login.token));
    expect(me.body).toEqual({ data: { me: { email: 'admin@example.com', role: 'ADMIN' } } });
  });

  it('me is null without a token', async () => {
    expect((await app.gql('{ me { email } }', {}, ANONYMOUS)).body).toEqual({ data: { me: null } });
  });

  it('a wrong password and an unknown email are the same UNAUTHENTICATED, and write nothing', async () => {
    const before = await app.snapshot();
    const wrong = await app.gql(LOGIN, { e: 'admin@example.com', p: 'not-the-password' }, ANONYMOUS);
    const unknown = await app.gql(LOGIN, { e: 'nobody@example.com', p: 'whatever-password' }, ANONYMOUS);
    for (const res of [wrong, unknown]) {
      expect(res.body.data).toBeNull();
      expect(res.body.errors).toEqual([
        { message: 'Wrong email or password', path: ['login'], locations: [{ line: 1, column: 38 }], extensions: { code: 'UNAUTHENTICATED' } },
      ]);
    }
    expect(await app.snapshot()).toEqual(before);
  });

  it('stores only a salted scrypt hash, never the password', async () => {
    const { rows } = await app.pg.query(`SELECT password_hash FROM app_user WHERE email = 'admin@example.com'`);
    expect(rows[0].password_hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(rows[0].password_hash).not.toContain(app.admin.password);
  });
});

describe('roles against each class of operation', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['a data mutation', CREATE_AUTHOR, { i: { name: 'Role Test', email: 'role-test@example.com' } }],
    ['createUser', CREATE_USER, { i: { email: 'new-user@example.com', password: 'long-enough-1', role: 'EDITOR' } }],
    ['auditLog', AUDIT_LOG, {}],
  ];

  it.each(cases)('anonymous: %s is UNAUTHENTICATED and writes nothing', async (_name, query, variables) => {
    const before = await app.snapshot();
    const res = await app.gql(query, variables, ANONYMOUS);
    expect(res.body.data).toBeNull();
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    expect(await app.snapshot()).toEqual(before);
  });

  it('EDITOR: a data mutation works; createUser and auditLog are FORBIDDEN and write nothing', async () => {
    const ok = await app.gql(CREATE_AUTHOR, { i: { name: 'By Editor', email: 'by-editor@example.com' } }, editor);
    expect(ok.body).toEqual({ data: { createAuthor: { name: 'By Editor' } } });
    const before = await app.snapshot();
    for (const [, query, variables] of cases.slice(1)) {
      const res = await app.gql(query, variables, editor);
      expect(res.body.data).toBeNull();
      expect(codes(res)).toEqual(['FORBIDDEN']);
    }
    expect(await app.snapshot()).toEqual(before);
  });

  it('ADMIN: all three work', async () => {
    const results = await Promise.all(cases.map(([, query, variables]) => app.gql(query, variables)));
    expect(results.map((r) => r.body)).toEqual([
      { data: { createAuthor: { name: 'Role Test' } } },
      { data: { createUser: { email: 'new-user@example.com', role: 'EDITOR' } } },
      { data: { auditLog: { limit: 1 } } },
    ]);
  });

  it('queries other than auditLog are public', async () => {
    const res = await app.gql(PUBLIC, {}, ANONYMOUS);
    expect(res.body.errors).toBeUndefined();
  });

  it('createUser validates its input (BAD_USER_INPUT) and a taken email is CONFLICT', async () => {
    const bad = await app.gql(CREATE_USER, { i: { email: 'not-an-email', password: 'short', role: 'EDITOR' } });
    expect(bad.body.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { path: 'input.email', message: 'must be a valid email address of at most 254 characters' },
        { path: 'input.password', message: 'must be 8 to 1024 characters' },
      ],
    });
    const taken = await app.gql(CREATE_USER, { i: { email: 'Admin@Example.com', password: 'long-enough-1', role: 'EDITOR' } });
    expect(taken.body.errors?.[0].extensions).toEqual({ code: 'CONFLICT', fields: [{ path: 'input.email', message: 'is already taken' }] });
  });
});

describe('bad tokens are refused outright, on mutations and queries alike (401 UNAUTHENTICATED)', () => {
  const adminId = async () => String((await app.pg.query(`SELECT id FROM app_user WHERE email = 'admin@example.com'`)).rows[0].id);
  const tokens: [string, () => Promise<string>][] = [
    ['garbage', async () => 'not-a-jwt'],
    [
      'tampered (role changed, signature kept)',
      async () => {
        const [, payload, signature] = editor.authorization.slice(7).split('.');
        const claimsIn = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
        return [b64({ alg: 'HS256', typ: 'JWT' }), b64({ ...claimsIn, role: 'ADMIN' }), signature].join('.');
      },
    ],
    [
      'expired',
      async () =>
        new SignJWT(claims(await adminId()))
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
          .sign(secret),
    ],
    ['alg: none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims(await adminId()), exp: Math.floor(Date.now() / 1000) + 600 })}.`],
    [
      'HS512 with the right secret (algorithm pinned)',
      async () => new SignJWT(claims(await adminId())).setProtectedHeader({ alg: 'HS512' }).setExpirationTime('1h').sign(secret),
    ],
    [
      'signed with another secret',
      async () =>
        new SignJWT(claims(await adminId()))
          .setProtectedHeader({ alg: 'HS256' })
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode('x'.repeat(32))),
    ],
  ];

  it.each(tokens)('%s', async (_name, make) => {
    const token = await make();
    const before = await app.snapshot();
    for (const query of [CREATE_AUTHOR, PUBLIC]) {
      const res = await app.gql(query, { i: { name: 'Bad Token', email: 'bad-token@example.com' } }, bearer(token));
      expect(res.status).toBe(401);
      expect(res.body.data).toBeUndefined();
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    }
    expect(await app.snapshot()).toEqual(before);
  });

  it('an Authorization header that is not "Bearer <token>" is refused too', async () => {
    const res = await app.gql(PUBLIC, {}, { authorization: 'Basic YWRtaW46YWRtaW4=' });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]).toEqual({ message: 'The Authorization header must be "Bearer <token>"', extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('the failed-login limiter (3 failures, 2 s lockout in this test)', () => {
  it('locks the email+IP pair after 3 failures, even for the right password, then lets it in again', async () => {
    const user = { e: 'limited@example.com', p: 'limited-password-1' };
    await app.gql(CREATE_USER, { i: { email: user.e, password: user.p, role: 'EDITOR' } });
    for (let i = 0; i < 3; i++) expect(codes(await app.gql(LOGIN, { e: user.e, p: 'wrong-password' }, ANONYMOUS))).toEqual(['UNAUTHENTICATED']);
    const locked = await app.gql(LOGIN, user, ANONYMOUS);
    expect(locked.body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', retryAfterSeconds: 2 });
    // Another email from the same address is not affected.
    expect((await app.gql(LOGIN, { e: app.admin.email, p: app.admin.password }, ANONYMOUS)).body.errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 2100));
    const again = await app.gql(LOGIN, user, ANONYMOUS);
    expect(again.body.data).toEqual({ login: { token: expect.any(String), user: { email: user.e, role: 'EDITOR' } } });
  }, 240_000); // six scrypt hashes: generous under a loaded machine
});
