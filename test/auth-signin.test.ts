import { ANONYMOUS, startTestApp, type TestApp } from './helpers/app.js';

// Sign-in under attack: what is refused before any work, and one lockout however the email is
// spelled. The login flood is in test/resilience/login-flood.test.ts.
// Several scrypt hashes (~0.5 s each when idle) per test: generous under a loaded machine.
jest.setTimeout(240_000);

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_SECONDS: '60' });
});
afterAll(() => app.close());

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
const CREATE_USER = 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }';

describe('refused before any work', () => {
  it('an email over 254 characters is BAD_USER_INPUT without a statement or a hash', async () => {
    const res = await app.gql(LOGIN, { e: `${'a'.repeat(250)}@example.com`, p: 'whatever-password' }, ANONYMOUS);
    expect(res.body).toEqual({
      data: null,
      errors: [expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'email', message: 'must be at most 254 characters' }] } })],
    });
    expect(res.headers.get('x-sql-statements')).toBe('0');
  });
});

describe('one lockout per account, however the email is spelled', () => {
  it('failures as SPELLED@…, spelled@… and "spelled@… " count together and lock the account', async () => {
    const email = 'spelled@example.com';
    await app.gql(CREATE_USER, { i: { email, password: 'spelled-password-1', role: 'EDITOR' } });
    for (const spelling of ['spelled@example.com', 'SPELLED@EXAMPLE.COM', 'spelled@example.com ']) {
      expect((await app.gql(LOGIN, { e: spelling, p: 'wrong-password' }, ANONYMOUS)).body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    }
    const locked = await app.gql(LOGIN, { e: email, p: 'spelled-password-1' }, ANONYMOUS);
    expect(locked.body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', retryAfterSeconds: 60 });
  });

  it('admİn@example.com, which PostgreSQL matches to admin@example.com, is locked with it', async () => {
    const { rows } = await app.pg.query<{ id: number }>(`SELECT id FROM app_user WHERE email ILIKE $1`, ['admİn@example.com']);
    expect(rows).toHaveLength(1); // PostgreSQL does match it: that is the bypass being closed
    for (let i = 0; i < 3; i++) await app.gql(LOGIN, { e: 'admİn@example.com', p: 'wrong-password' }, ANONYMOUS);
    const locked = await app.gql(LOGIN, { e: 'admin@example.com', p: app.admin.password }, ANONYMOUS);
    expect(locked.body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', retryAfterSeconds: 60 });
  });
});
