import { startTestApp, type TestApp } from './helpers/app.js';
import { seedClassic } from './helpers/fixtures.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await seedClassic(app);
});
afterAll(() => app.close());

// List queries read only the columns a query selects (src/query/selection.ts): fields reached
// through fragments, aliases and nested relations must still be there.
describe('lists read the selected columns', () => {
  it('sees fields selected through fragment spreads, inline fragments and aliases', async () => {
    const res = await app.gql(`
      fragment B on Book { title ... on Book { t: title author { name } } }
      { authors(orderBy: [{ name: ASC }], limit: 1, offset: 1) { items { ...on Author { name } books(orderBy: [{ title: ASC }]) { items { ...B stores { items { name } } } } } }
        stores(orderBy: [{ name: DESC }], limit: 1) { ... { items { n: name createdAt } } } }`);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      authors: {
        items: [
          {
            name: 'Prakritish Sen Eshore',
            books: {
              items: [
                {
                  title: 'Ansible Refresher',
                  t: 'Ansible Refresher',
                  author: { name: 'Prakritish Sen Eshore' },
                  stores: { items: [{ name: 'Amazon' }, { name: 'Flipkart' }] },
                },
                {
                  title: 'Exploring SQLAlchemy',
                  t: 'Exploring SQLAlchemy',
                  author: { name: 'Prakritish Sen Eshore' },
                  stores: { items: [{ name: 'Amazon' }, { name: 'Flipkart' }] },
                },
              ],
            },
          },
        ],
      },
      stores: { items: [{ n: 'Flipkart', createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }] },
    });
  });
});
