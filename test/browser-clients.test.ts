import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { browserDescribe, bundleForBrowser, launchChromium, servePage, type PageServer } from './helpers/browser.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { seedClassic } from './helpers/fixtures.js';

const AUTHORS = {
  totalCount: 3,
  items: [
    { name: 'Prakritish Sen Eshore', books: { items: [{ title: 'Ansible Refresher' }, { title: 'Exploring SQLAlchemy' }] } },
    { name: 'Umang Vanjara', books: { items: [{ title: 'Effective Communication' }] } },
    { name: 'Chandan Dutta', books: { items: [] } },
  ],
};

/** What both clients' normalized caches hand back: the data with `__typename` on every object. */
const WITH_TYPENAMES = {
  authors: {
    __typename: 'AuthorPage',
    totalCount: 3,
    items: AUTHORS.items.map((a) => ({
      __typename: 'Author',
      name: a.name,
      books: { __typename: 'BookPage', items: a.books.items.map((b) => ({ __typename: 'Book', ...b })) },
    })),
  },
};

browserDescribe('the browser client tests')('GraphQL clients in Chromium on another origin', () => {
  let app: TestApp;
  let pageServer: PageServer;
  let browser: Browser;
  let page: Page;
  const sent: { method: string; url: string; headers: Record<string, string> }[] = [];

  beforeAll(async () => {
    pageServer = await servePage(await bundleForBrowser(path.join(__dirname, 'browser', 'clients-app.ts'), 'ClientsApp'));
    // Production-like: only the frontend's origin is allowed.
    app = await startTestApp({ CORS_ORIGINS: pageServer.origin });
    await seedClassic(app);
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('request', (r) => {
      if (r.url().startsWith(app.url)) sent.push({ method: r.method(), url: r.url(), headers: r.headers() });
    });
    await page.goto(`${pageServer.origin}/`);
  });
  afterAll(async () => {
    await browser?.close();
    await pageServer?.close();
    await app?.close();
  });
  beforeEach(() => void sent.splice(0));

  const run = (fn: string, ...args: string[]): Promise<unknown> =>
    page.evaluate(([f, a]) => (globalThis as unknown as Record<string, Record<string, (...x: string[]) => Promise<unknown>>>).ClientsApp[f](...a), [
      fn,
      args,
    ] as const);

  it('Apollo Client 4 with client awareness: the preflight allows its headers, the query answers', async () => {
    expect(await run('apolloQuery', `${app.url}/graphql`)).toEqual(WITH_TYPENAMES);
    expect(sent.map((r) => [r.method, r.headers['apollographql-client-name'], r.headers['apollographql-client-version']])).toEqual([
      ['POST', 'bookstore-web', '1.2.3'],
    ]);
  });

  it("urql's README client with POST answers", async () => {
    expect(await run('urqlQuery', `${app.url}/graphql`, 'post')).toEqual(WITH_TYPENAMES);
    expect(sent.map((r) => r.method)).toEqual(['POST']);
  });

  it("urql's README client with GET and the preflight header answers", async () => {
    expect(await run('urqlQuery', `${app.url}/graphql`, 'get')).toEqual(WITH_TYPENAMES);
    expect(sent.map((r) => [r.method, r.headers['apollo-require-preflight']])).toEqual([['GET', 'true']]);
  });

  it("urql's bare defaults (GET, no preflight header) are refused by CSRF prevention, as the README says", async () => {
    expect(await run('urqlQuery', `${app.url}/graphql`, 'default')).toEqual({ error: expect.stringMatching(/CSRF/) });
    expect(sent.map((r) => r.method)).toEqual(['GET']);
  });
});
