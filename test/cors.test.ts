import { originPolicy } from '../src/http/cors.js';
import { startTestApp, type TestApp } from './helpers/app.js';

const PREFLIGHT_HEADERS = {
  'access-control-request-method': 'POST',
  'access-control-request-headers': 'content-type, authorization, x-request-id',
};

function corsHeaders(res: Response): Record<string, string> {
  return Object.fromEntries([...res.headers].filter(([name]) => name.startsWith('access-control-')));
}

function preflight(app: TestApp, origin: string): Promise<Response> {
  return fetch(`${app.url}/graphql`, { method: 'OPTIONS', headers: { origin, ...PREFLIGHT_HEADERS } });
}

describe('CORS with CORS_ORIGINS set', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ CORS_ORIGINS: 'https://shop.example.com, https://admin.example.com/' });
  });
  afterAll(() => app.close());

  it('answers a preflight from a listed origin with the CORS headers', async () => {
    const res = await preflight(app, 'https://admin.example.com');
    expect(res.status).toBe(204);
    expect(corsHeaders(res)).toEqual({
      'access-control-allow-origin': 'https://admin.example.com',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers':
        'content-type, authorization, x-request-id, apollo-require-preflight, x-apollo-operation-name, apollographql-client-name, apollographql-client-version, traceparent, tracestate, x-commit-lsn',
      'access-control-max-age': '600',
    });
    expect(res.headers.get('vary')).toBe('Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
  });

  it('refuses a preflight from any other origin, with no CORS headers', async () => {
    for (const origin of ['https://evil.example.com', 'http://localhost:3000', 'https://shop.example.com.evil.io']) {
      const res = await preflight(app, origin);
      expect({ origin, status: res.status, cors: corsHeaders(res) }).toEqual({ origin, status: 403, cors: {} });
    }
  });

  it('lets a listed origin read the answer and the request id of an actual request', async () => {
    const res = await app.gql('{ authors { totalCount } }', undefined, { origin: 'https://shop.example.com', 'x-request-id': 'cors-1' });
    expect(res.body).toEqual({ data: { authors: { totalCount: 0 } } });
    expect(corsHeaders(res as unknown as Response)).toEqual({
      'access-control-allow-origin': 'https://shop.example.com',
      'access-control-expose-headers': 'x-request-id, x-commit-lsn',
    });
    expect(res.headers.get('x-request-id')).toBe('cors-1');
    expect(res.headers.get('vary')?.split(/,\s*/)).toContain('Origin');
  });

  it('adds no CORS headers to an actual request from another origin', async () => {
    const res = await app.gql('{ authors { totalCount } }', undefined, { origin: 'https://evil.example.com' });
    expect(corsHeaders(res as unknown as Response)).toEqual({});
  });
});

describe('CORS defaults', () => {
  it('allows any local http origin in development when CORS_ORIGINS is unset', async () => {
    const app = await startTestApp();
    try {
      const statuses: Record<string, [number, string | null]> = {};
      for (const origin of ['http://localhost:5173', 'http://127.0.0.1:8080', 'http://localhost', 'https://localhost:5173', 'http://example.com']) {
        const res = await preflight(app, origin);
        statuses[origin] = [res.status, res.headers.get('access-control-allow-origin')];
      }
      expect(statuses).toEqual({
        'http://localhost:5173': [204, 'http://localhost:5173'],
        'http://127.0.0.1:8080': [204, 'http://127.0.0.1:8080'],
        'http://localhost': [204, 'http://localhost'],
        'https://localhost:5173': [403, null],
        'http://example.com': [403, null],
      });
    } finally {
      await app.close();
    }
  });
});

describe('originPolicy', () => {
  const origins = ['http://localhost:3000', 'https://shop.example.com', 'https://other.example.com'];
  const decide = (config: Parameters<typeof originPolicy>[0]) => origins.map(originPolicy(config));

  it('allows no origin at all in production when CORS_ORIGINS is unset', () => {
    expect(decide({ production: true })).toEqual([false, false, false]);
  });

  it('allows exactly the listed origins, in production as in development', () => {
    expect(decide({ production: true, corsOrigins: ['https://shop.example.com'] })).toEqual([false, true, false]);
    expect(decide({ production: false, corsOrigins: ['https://shop.example.com'] })).toEqual([false, true, false]);
  });

  it('allows any origin with *', () => {
    expect(decide({ production: true, corsOrigins: ['*'] })).toEqual([true, true, true]);
  });
});
