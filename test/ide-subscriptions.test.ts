import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { startTestApp, type TestApp } from './helpers/app.js';
import { seedClassic, type ClassicIds } from './helpers/fixtures.js';
import { subscriptionsOpen } from './helpers/ws.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

(existsSync(CHROMIUM) ? describe : describe.skip)('the GraphQL IDE runs a subscription in Chromium', () => {
  let app: TestApp;
  let ids: ClassicIds;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp();
    ids = await seedClassic(app);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('over a WebSocket to the same URL, showing the event a mutation sends', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    await page.goto(`${app.url}/graphql`);
    const editor = page.locator('.graphiql-query-editor .CodeMirror');
    await editor.waitFor();
    // Run in the same task as the edit, as a quick Ctrl+Enter would: GraphiQL's own parse of the editor is
    // debounced by 100 ms, so this is the case where its `documentAST` still describes the previous query.
    await editor.evaluate((el, q) => {
      (el as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(q);
      const page = globalThis as unknown as { document: { querySelector(s: string): { click(): void } } };
      page.document.querySelector('.graphiql-execute-button').click();
    }, `subscription { stockChanged(storeId: ${ids.stores.amazon}) { quantity book { title } } }`);
    await subscriptionsOpen(app.url, 1);
    await app.gql('mutation($s: ID!, $b: ID!) { adjustStock(storeId: $s, bookId: $b, delta: 5) { quantity } }', {
      s: ids.stores.amazon,
      b: ids.books.communication,
    });
    await page.locator('.graphiql-response', { hasText: 'Effective Communication' }).waitFor({ timeout: 15000 });
    expect(await page.locator('.graphiql-response').innerText()).toContain('"quantity": 15');
    expect(problems).toEqual([]);
  });
});
