import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getMetadataStorage } from 'type-graphql';
import { resolveJwtSecret } from '../src/auth/jwt-secret.js';
import { bootstrapAdmin } from '../src/auth/bootstrap-admin.js';
import { ConfigError, parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { buildAppSchema } from '../src/schema.js';
import { ANONYMOUS, startTestApp } from './helpers/app.js';

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { email role } } }';

describe('JWT secret', () => {
  it('is generated once into <DATA_DIR>/jwt-secret in development and reused after that', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'jwt-secret-'));
    const config = parseConfig({ NODE_ENV: 'development', DATA_DIR: dataDir });
    const first = await resolveJwtSecret(config);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(await resolveJwtSecret(config)).toBe(first);
    expect((await readFile(path.join(dataDir, 'jwt-secret'), 'utf8')).trim()).toBe(first);
    expect((await stat(path.join(dataDir, 'jwt-secret'))).mode & 0o777).toBe(0o600);
  });

  it('JWT_SECRET wins when set', async () => {
    expect(await resolveJwtSecret(parseConfig({ JWT_SECRET: 'k'.repeat(40), DATA_DIR: '/nonexistent' }))).toBe('k'.repeat(40));
  });

  it.each([
    ['missing', {}],
    ['shorter than 32 bytes', { JWT_SECRET: 'x'.repeat(31) }],
  ])('production refuses to start with a JWT_SECRET %s', (_name, env) => {
    expect(() => parseConfig({ NODE_ENV: 'production', ...env })).toThrow(
      new ConfigError(['JWT_SECRET: must be set to at least 32 bytes when NODE_ENV=production']),
    );
  });
});

describe('ADMIN_EMAIL / ADMIN_PASSWORD at boot', () => {
  it('is idempotent and updates the password when it changes', async () => {
    const app = await startTestApp();
    try {
      const logger = createLogger('silent', false);
      const before = await app.snapshot();
      await bootstrapAdmin(app.config, app.db, logger);
      expect(await app.snapshot()).toEqual(before);

      const changed = parseConfig({ DATABASE_URL: 'postgres://x@y/z', ADMIN_EMAIL: app.admin.email, ADMIN_PASSWORD: 'a-new-password' });
      await bootstrapAdmin(changed, app.db, logger);
      const { rows } = await app.pg.query(`SELECT count(*)::int AS n FROM app_user WHERE role = 'ADMIN'`);
      expect(rows[0].n).toBe(1);
      expect((await app.gql(LOGIN, { e: app.admin.email, p: app.admin.password }, ANONYMOUS)).body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await app.gql(LOGIN, { e: app.admin.email, p: 'a-new-password' }, ANONYMOUS)).body.data).toEqual({
        login: { user: { email: app.admin.email, role: 'ADMIN' } },
      });
    } finally {
      await app.close();
    }
  });
});

describe('authorization is declared on every mutation', () => {
  it('every Mutation field except login carries @Authorized (ADMIN or EDITOR; user administration ADMIN only; changePassword any signed-in user)', () => {
    const mutations = Object.keys(buildAppSchema().getMutationType()!.getFields()).sort();
    const rules = new Map(getMetadataStorage().authorizedFields.map((a) => [a.fieldName, [...a.roles].sort()]));
    const adminOnly = ['createUser', 'updateUserRole', 'deleteUser'];
    const roles = (m: string) => (adminOnly.includes(m) ? ['ADMIN'] : m === 'changePassword' ? [] : ['ADMIN', 'EDITOR']);
    const expected = Object.fromEntries(mutations.filter((m) => m !== 'login').map((m) => [m, roles(m)]));
    expect(Object.fromEntries(mutations.filter((m) => m !== 'login').map((m) => [m, rules.get(m)]))).toEqual(expected);
    expect(rules.has('login')).toBe(false);
    expect(rules.get('auditLog')).toEqual(['ADMIN']);
  });
});
