import { ANONYMOUS, startTestApp } from './helpers/app.js';
import { createEmptyDatabase } from './helpers/database.js';

const nowhere = { url: 'postgres://nobody:nothing@127.0.0.1:1/none', drop: async () => undefined };

describe('health and readiness', () => {
  it('answers /healthz and /readyz with 200 while the database answers', async () => {
    const app = await startTestApp();
    try {
      const health = await fetch(`${app.url}/healthz`);
      expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
      const ready = await fetch(`${app.url}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
    } finally {
      await app.close();
    }
  });

  it('answers /readyz with 503 and GraphQL with SERVICE_UNAVAILABLE when the database is unreachable', async () => {
    const app = await startTestApp({ ADMIN_EMAIL: '' }, { database: nowhere });
    try {
      const ready = await fetch(`${app.url}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([503, { status: 'unavailable', reason: expect.stringMatching(/^database unreachable/) }]);
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      const started = Date.now();
      const res = await app.gql('{ authors { totalCount } }', undefined, ANONYMOUS);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(res.body).toEqual({
        data: null,
        errors: [expect.objectContaining({ message: 'The database is unavailable; try again later', extensions: { code: 'SERVICE_UNAVAILABLE' } })],
      });
      // With a token, whose user cannot be checked, the whole request is refused the same way (HTTP 503).
      const signed = await app.gql('{ authors { totalCount } }');
      expect([signed.status, signed.body.data, signed.body.errors?.map((e) => e.extensions.code)]).toEqual([503, undefined, ['SERVICE_UNAVAILABLE']]);
    } finally {
      await app.close();
    }
  });
});

describe('error masking', () => {
  const secret = 'y'.repeat(32);

  it('in production an unexpected error is generic, carries the request id, and leaks no SQL or stack', async () => {
    const app = await startTestApp({ NODE_ENV: 'production', JWT_SECRET: secret, ADMIN_EMAIL: '' }, { database: await createEmptyDatabase() });
    try {
      const res = await app.gql('{ authors { items { name } } }', undefined, { ...ANONYMOUS, 'x-request-id': 'masked-1' });
      expect(res.headers.get('x-request-id')).toBe('masked-1');
      expect(res.body).toEqual({
        data: null,
        errors: [
          {
            message: 'Internal server error',
            locations: [{ line: 1, column: 3 }],
            path: ['authors'],
            extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'masked-1' },
          },
        ],
      });
    } finally {
      await app.close();
    }
  });

  it('in development the message is kept but no stack trace is sent', async () => {
    const app = await startTestApp({ ADMIN_EMAIL: '' }, { database: await createEmptyDatabase() });
    try {
      const res = await app.gql('{ authors { items { name } } }', undefined, ANONYMOUS);
      const [error] = res.body.errors!;
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) });
      expect(error.message).toMatch(/relation "author" does not exist/);
      expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|\.ts:\d+/);
    } finally {
      await app.close();
    }
  });
});
