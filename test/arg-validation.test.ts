import { startTestApp, type TestApp } from './helpers/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

// Validation runs only for argument classes with rules (src/graphql/validate-args.ts): inputs still fail as before.
describe('argument validation', () => {
  it('rejects a bad input with BAD_USER_INPUT naming each field, and writes nothing', async () => {
    const res = await app.gql(`mutation { createAuthor(input: { name: "", email: "not-an-email" }) { id } }`);
    expect(res.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const paths = (res.body.errors?.[0].extensions.fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['input.email', 'input.name']);
    expect((await app.snapshot()).author).toEqual([]);
  });

  it('accepts a good input and list arguments without rules', async () => {
    const res = await app.gql(`mutation { createAuthor(input: { name: "Ada", email: "ada@example.com" }) { name books(limit: 5) { totalCount } } }`);
    expect(res.body).toEqual({ data: { createAuthor: { name: 'Ada', books: { totalCount: 0 } } } });
  });
});
