import { startTestApp, type TestApp } from './helpers/app.js';

// graphql-cop (github.com/dolevf/graphql-cop) is Python and PyPI is out of reach here, so each of
// its checks is sent as it sends it, to a production-mode server, and the answer is asserted to be
// one graphql-cop counts as "not vulnerable". Its verdict rule is quoted above each case.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ NODE_ENV: 'production' });
});
afterAll(() => app?.close());

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions: Record<string, unknown> }[]; extensions?: unknown };
  text: string;
}
const answer = async (res: Response): Promise<Answer> => {
  const text = await res.text();
  let body: Answer['body'] = {};
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    // an HTML page: `text` is what the check reads
  }
  return { status: res.status, body, text };
};
const JSON_TYPE = { 'content-type': 'application/json' };
const post = (body: unknown, headers: Record<string, string> = JSON_TYPE) =>
  fetch(`${app.url}/graphql`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }).then(answer);
const get = (query: string, headers: Record<string, string> = {}) => fetch(`${app.url}/graphql?query=${encodeURIComponent(query)}`, { headers }).then(answer);
const codes = (a: Answer) => a.body.errors?.map((e) => e.extensions.code);
const CSRF = 'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF)';

describe('graphql-cop checks against production mode', () => {
  it('alias overloading (HIGH if alias100 comes back): 101 `__typename` aliases are QUERY_TOO_COMPLEX, they count', async () => {
    const a = await post({ query: `query cop { ${Array.from({ length: 101 }, (_, i) => `alias${i}:__typename`).join(' ')} }` });
    expect([a.status, a.body.data, a.body.errors?.[0].extensions]).toEqual([
      400,
      undefined,
      expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', rule: 'aliases', limit: 30, found: 101 }),
    ]);
  });

  it('array batching (HIGH if 10+ results come back): a batch is refused whole', async () => {
    const a = await post(Array.from({ length: 11 }, () => ({ query: 'query cop { __typename }' })));
    expect([a.status, a.body]).toEqual([400, { errors: [{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }] }]);
  });

  it('directive overloading (HIGH if exactly 10 directive errors): more than 5 directives on a field are QUERY_TOO_COMPLEX', async () => {
    const a = await post({ query: `query cop { __typename ${'@aa'.repeat(10)} }` });
    expect(a.status).toBe(400);
    expect(a.body.errors).toContainEqual(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', rule: 'directives', limit: 5, found: 10 }) }),
    );
    expect(a.body.errors).not.toHaveLength(10);
  });

  it('field duplication (HIGH if data.__typename comes back): 500 x `__typename` is QUERY_TOO_COMPLEX', async () => {
    const a = await post({ query: `query cop { ${'__typename '.repeat(500)}}` });
    expect([a.status, a.body.data, a.body.errors]).toEqual([
      400,
      undefined,
      [expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', rule: 'duplicates', limit: 10, found: 500 }) })],
    ]);
  });

  it('introspection (HIGH if __schema comes back) and circular introspection (HIGH if it runs): both refused', async () => {
    const plain = await post({ query: 'query cop { __schema { types { name fields { name } } } }' });
    expect([plain.status, plain.body.data, codes(plain)]).toEqual([400, undefined, ['GRAPHQL_VALIDATION_FAILED']]);
    const circular = await post({
      query: 'query cop { __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }',
    });
    expect([circular.status, circular.body.data]).toEqual([400, undefined]);
    expect(circular.body.errors?.map((e) => e.message)).toContain('Maximum introspection depth exceeded');
  });

  it('field suggestions (LOW if "Did you mean" appears): none in production', async () => {
    for (const query of ['query cop { __schema { directive } }', '{ autors { totalCount } }', '{ books { items { titel } } }']) {
      const a = await post({ query });
      expect([a.status, codes(a)?.every((c) => c === 'GRAPHQL_VALIDATION_FAILED')]).toEqual([400, true]);
      expect(a.text).not.toMatch(/did you mean/i);
    }
  });

  it('GraphiQL / IDE (LOW if its page is served): a browser gets a page that says the IDE is off, without any IDE', async () => {
    for (const accept of ['text/html', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8']) {
      for (const path of ['/graphql', '/graphiql', '/playground', '/']) {
        const res = await fetch(`${app.url}${path}`, { headers: { accept } });
        const text = await res.text();
        expect(text).not.toMatch(/graphiql|playground|<script/i);
      }
    }
  });

  it('GET query and GET mutation (MEDIUM, possible CSRF): refused without a preflight header; a mutation never runs over GET', async () => {
    for (const query of ['query cop { __typename }', 'mutation cop { __typename }']) {
      const a = await get(query);
      expect([a.status, a.body.data, a.body.errors?.[0].message]).toEqual([400, undefined, expect.stringContaining(CSRF)]);
    }
    const preflighted = await get('mutation cop { __typename }', { 'apollo-require-preflight': 'true' });
    expect([preflighted.status, preflighted.body.data]).toEqual([405, undefined]);
  });

  it('POST url-encoded (MEDIUM, possible CSRF): refused', async () => {
    const a = await post(`query=${encodeURIComponent('query cop { __typename }')}`, { 'content-type': 'application/x-www-form-urlencoded' });
    expect([a.status, a.body.data, a.body.errors?.[0].message]).toEqual([400, undefined, expect.stringContaining(CSRF)]);
  });

  it('trace mode (INFO if extensions.tracing): no tracing in answers', async () => {
    const a = await post({ query: 'query cop { __typename }' });
    expect([a.status, a.body]).toEqual([200, { data: { __typename: 'Query' } }]);
  });

  it('unhandled errors (INFO if an exception or stack trace comes back): a parse error is GRAPHQL_PARSE_FAILED, nothing more', async () => {
    const a = await post({ query: 'qwerty cop { abc }' });
    expect([a.status, a.body]).toEqual([
      400,
      { errors: [{ message: 'Syntax Error: Unexpected Name "qwerty".', locations: [{ line: 1, column: 1 }], extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] },
    ]);
    expect(a.text).not.toMatch(/stacktrace|exception|\.ts:\d+/i);
  });
});
