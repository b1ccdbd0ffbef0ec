import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from './helpers/app.js';
import { browserDescribe, launchChromium } from './helpers/browser.js';
import { seedClassic } from './helpers/fixtures.js';

const SCREENSHOT = path.join(__dirname, 'artifacts', 'ide.png');
const EXPECTED = {
  data: {
    authors: {
      totalCount: 3,
      items: [
        { name: 'Prakritish Sen Eshore', books: { items: [{ title: 'Ansible Refresher' }, { title: 'Exploring SQLAlchemy' }] } },
        { name: 'Umang Vanjara', books: { items: [{ title: 'Effective Communication' }] } },
        { name: 'Chandan Dutta', books: { items: [] } },
      ],
    },
  },
};

browserDescribe('the GraphQL IDE in a real browser, offline')('the GraphQL IDE in a real browser, offline', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp();
    await seedClassic(app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('loads from our own files only, runs the example query with a header and shows the result', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const blocked: string[] = [];
    const problems: string[] = [];
    // Offline proof: every request that is not to the test server fails.
    await page.route('**/*', (route) => {
      if (route.request().url().startsWith(`${app.url}/`)) return route.continue();
      blocked.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });

    const res = await page.goto(`${app.url}/graphql`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-type']).toBe('text/html; charset=utf-8');

    // The example query is in the editor, and the headers editor is open.
    const queryEditor = page.locator('.graphiql-query-editor .CodeMirror');
    await queryEditor.waitFor();
    expect(await queryEditor.evaluate((el) => (el as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue())).toContain('authors(limit: 5)');
    const headersEditor = page.locator('.graphiql-editor-tool .CodeMirror').last();
    await headersEditor.waitFor({ state: 'visible' });
    await headersEditor.click();
    await page.keyboard.type('{"x-request-id": "from-the-ide"');

    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${app.url}/graphql` && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('limit: 5')),
      page.locator('.graphiql-execute-button').click(),
    ]);
    expect(answer.headers()['x-request-id']).toBe('from-the-ide');
    expect(await answer.json()).toEqual(EXPECTED);

    await page.locator('.graphiql-response', { hasText: 'Exploring SQLAlchemy' }).waitFor({ timeout: 10000 });

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect({ blocked, problems }).toEqual({ blocked: [], problems: [] });
  });
});

describe('GET /graphql', () => {
  it('is a GraphQL endpoint, not the IDE, for clients that do not ask for HTML, and with GRAPHQL_IDE=false', async () => {
    const app = await startTestApp({ GRAPHQL_IDE: 'false' });
    const ide = await startTestApp();
    try {
      const html = { accept: 'text/html,application/xhtml+xml' };
      // With the IDE off a browser gets a page saying so (test/ide-off.test.ts), never the IDE's files.
      const off = await fetch(`${app.url}/graphql`, { headers: html });
      expect(await off.text()).not.toMatch(/graphiql/i);
      expect((await fetch(`${app.url}/graphql/ide/graphiql.min.js`)).status).toBe(404);

      const query = await fetch(`${ide.url}/graphql?query=${encodeURIComponent('{ authors { totalCount } }')}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(await query.json()).toEqual({ data: { authors: { totalCount: 0 } } });
      const page = await fetch(`${ide.url}/graphql`, { headers: html });
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      expect(await page.text()).not.toMatch(/https?:\/\//);
      const js = await fetch(`${ide.url}/graphql/ide/react.production.min.js`);
      expect([js.status, js.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
      expect((await fetch(`${ide.url}/graphql/ide/..%2Fpackage.json`)).status).toBe(404);
      expect((await fetch(`${ide.url}/graphql/ide/../../package.json`)).status).toBe(404);
    } finally {
      await app.close();
      await ide.close();
    }
  });
});
