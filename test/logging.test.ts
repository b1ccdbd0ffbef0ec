import { Writable } from 'node:stream';
import { createLogger } from '../src/logger.js';
import { startTestApp, type TestApp } from './helpers/app.js';

/** A destination that keeps every JSON line the logger writes. */
function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** A line without what changes from run to run. */
function stable({ time: _t, pid: _p, hostname: _h, ...rest }: Record<string, unknown>): Record<string, unknown> {
  return rest;
}

describe('logger redaction', () => {
  it('redacts passwords, tokens, secrets and auth headers at any depth, and nothing else', () => {
    const out = capture();
    const logger = createLogger('info', true, out.stream);
    logger.info(
      {
        requestId: 'r-1',
        headers: { authorization: 'Bearer eyJhbGciOi', cookie: 'sid=1', 'content-type': 'application/json' },
        variables: {
          email: 'ada@example.com',
          password: 'hunter2',
          input: { name: 'Ada', newPassword: 'correct horse', users: [{ apiKey: 'k-1', role: 'ADMIN' }] },
          token: 'jwt-token',
          clientSecret: 's3cr3t',
          limit: 5,
        },
      },
      'request',
    );
    expect(out.lines().map(stable)).toEqual([
      {
        level: 30,
        msg: 'request',
        requestId: 'r-1',
        headers: { authorization: '[redacted]', cookie: '[redacted]', 'content-type': 'application/json' },
        variables: {
          email: 'ada@example.com',
          password: '[redacted]',
          input: { name: 'Ada', newPassword: '[redacted]', users: [{ apiKey: '[redacted]', role: 'ADMIN' }] },
          token: '[redacted]',
          clientSecret: '[redacted]',
          limit: 5,
        },
      },
    ]);
  });

  it('keeps errors serialized as errors', () => {
    const out = capture();
    createLogger('info', true, out.stream).error({ err: new Error('boom'), token: 't' }, 'failed');
    const [line] = out.lines();
    expect(line.token).toBe('[redacted]');
    expect(line.err).toMatchObject({ type: 'Error', message: 'boom' });
  });

  it('honours the level', () => {
    const out = capture();
    const logger = createLogger('warn', true, out.stream);
    logger.info('hidden');
    logger.warn('shown');
    expect(out.lines().map((l) => l.msg)).toEqual(['shown']);
  });
});

describe('request logs and request ids', () => {
  let app: TestApp;
  const out = capture();

  beforeAll(async () => {
    app = await startTestApp({ LOG_LEVEL: 'debug' }, { logger: createLogger('debug', false, out.stream) });
  });
  afterAll(() => app.close());

  /** Log lines of one request, once its finish line has been written. */
  async function linesOf(requestId: string): Promise<Record<string, unknown>[]> {
    for (let i = 0; i < 50 && !out.lines().some((l) => l.requestId === requestId && l.msg === 'request'); i++) await new Promise((r) => setTimeout(r, 10));
    return out
      .lines()
      .filter((l) => l.requestId === requestId)
      .map(stable);
  }

  it('returns the request id given in x-request-id and logs the request under it, variables redacted', async () => {
    const res = await app.gql(
      'query Authors($limit: Int) { authors(limit: $limit) { totalCount } }',
      { limit: 2, password: 'hunter2', input: { name: 'Ada', token: 'abc' } },
      { 'x-request-id': 'client-id-42' },
    );
    expect(res.headers.get('x-request-id')).toBe('client-id-42');
    expect(res.body).toEqual({ data: { authors: { totalCount: 0 } } });
    const lines = await linesOf('client-id-42');
    expect(lines.map(({ durationMs, statements, ...rest }) => ({ ...rest, durationMs: typeof durationMs, statements: typeof statements }))).toEqual([
      {
        level: 20,
        msg: 'graphql operation',
        requestId: 'client-id-42',
        operationName: 'Authors',
        variables: { limit: 2, password: '[redacted]', input: { name: 'Ada', token: '[redacted]' } },
        durationMs: 'undefined',
        statements: 'undefined',
      },
      {
        level: 30,
        msg: 'request',
        requestId: 'client-id-42',
        operationName: 'Authors',
        operationType: 'query',
        status: 200,
        durationMs: 'number',
        statements: 'number',
        path: 'compiled',
      },
    ]);
  });

  it('generates a request id when none (or a malformed one) is given, and logs error codes', async () => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'bad id with spaces' },
      body: JSON.stringify({ query: 'query Broken { authors { nope } }' }),
    });
    const id = res.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const [line] = await linesOf(id);
    expect({ ...line, durationMs: typeof line.durationMs }).toEqual({
      level: 30,
      msg: 'request',
      requestId: id,
      status: 400,
      durationMs: 'number',
      statements: 0,
      path: 'resolvers',
      fallback: 'invalid-document',
      errorCodes: ['GRAPHQL_VALIDATION_FAILED'],
    });
  });
});
