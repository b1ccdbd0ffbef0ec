import { useTestApp } from './helpers/app.js';

const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('GET /graphql with the IDE off (production default)', () => {
  const app = useTestApp({ NODE_ENV: 'production' });

  it('shows a browser a page that says the IDE is off and how to turn it on', async () => {
    const res = await fetch(`${app.url}/graphql`, { headers: BROWSER });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await res.text();
    expect(html).toContain('The GraphQL IDE is off');
    expect(html).toContain('GRAPHQL_IDE=true');
    expect(html).not.toMatch(/<script/);
  });

  it('leaves every other GET as it was: a query runs, a bare GET without the preflight header is refused by CSRF prevention', async () => {
    const query = `${app.url}/graphql?query=${encodeURIComponent('{ authors { totalCount } }')}`;
    const ok = await fetch(query, { headers: { ...BROWSER, 'apollo-require-preflight': 'true' } });
    expect([ok.status, await ok.json()]).toEqual([200, { data: { authors: { totalCount: 0 } } }]);
    const bare = await fetch(`${app.url}/graphql`);
    expect(bare.status).toBe(400);
    expect(bare.headers.get('content-type')).toMatch(/application\/json/);
  });
});
