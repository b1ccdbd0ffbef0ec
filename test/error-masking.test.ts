import { Writable } from 'node:stream';
import { ANONYMOUS, startTestApp, type TestApp } from './helpers/app.js';

const lines: Record<string, unknown>[] = [];
const logTo = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
    done();
  },
});

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ NODE_ENV: 'production', JWT_SECRET: 's'.repeat(32), LOG_LEVEL: 'error' }, { logTo });
  await app.gql('mutation { createStore(input: { name: "Corner", city: "Pune" }) { id } }');
  // A real unexpected failure: the column the query reads is gone.
  await app.pg.query('ALTER TABLE store RENAME COLUMN city TO town');
});
afterAll(() => app.close());

describe('error masking in production', () => {
  it('answers INTERNAL_SERVER_ERROR with a generic message and a request id; the log has the detail under that id', async () => {
    const res = await app.gql('{ stores { items { name city } } }', {}, ANONYMOUS);
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).toEqual({
      data: null,
      errors: [
        { message: 'Internal server error', locations: [{ line: 1, column: 3 }], path: ['stores'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } },
      ],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/select|town|does not exist/i);

    const logged = lines.find((l) => l.msg === 'unexpected error');
    expect(logged).toMatchObject({ level: 50, requestId, path: ['stores'] });
    expect((logged!.err as { message: string }).message).toMatch(/column (t|l1)\.city does not exist/);
  });
});
