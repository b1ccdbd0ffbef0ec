import { startTestApp, type TestApp } from './helpers/app.js';

// A fixed port of this test's own (the 41800-41899 range of issue 18's work), on the test host.
const METRICS_PORT = 41801;

describe('METRICS_PORT', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ METRICS_PORT: String(METRICS_PORT) });
  });
  afterAll(() => app.close());

  it('serves /metrics on its own port only, with the API requests counted', async () => {
    await app.gql('query PortCheck { authors { totalCount } }');
    expect((await fetch(`${app.url}/metrics`)).status).toBe(404);
    const res = await fetch(`http://127.0.0.1:${METRICS_PORT}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('graphql_requests_total{operation_name="PortCheck",operation_type="query"} 1');
    expect((await fetch(`http://127.0.0.1:${METRICS_PORT}/graphql`)).status).toBe(404);
  });

  it('is still on the API port when unset (test/metrics.test.ts covers its content)', async () => {
    const other = await startTestApp();
    try {
      expect((await fetch(`${other.url}/metrics`)).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
