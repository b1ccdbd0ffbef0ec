import { startTestApp, type TestApp } from './helpers/app.js';
import { seedClassic, type ClassicIds } from './helpers/fixtures.js';

let app: TestApp;
let ids: ClassicIds;

beforeAll(async () => {
  app = await startTestApp();
  ids = await seedClassic(app);
});
afterAll(() => app.close());

describe('the seed data of our oldest examples, end to end', () => {
  it('reads authors with their books', async () => {
    const res = await app.gql(
      `{ authors(orderBy: [{ name: ASC }]) { totalCount items { name email bookCount books(orderBy: [{ title: ASC }]) { items { title } } } } }`,
    );
    expect(res.body).toEqual({
      data: {
        authors: {
          totalCount: 3,
          items: [
            { name: 'Chandan Dutta', email: 'chandan@example.com', bookCount: 0, books: { items: [] } },
            {
              name: 'Prakritish Sen Eshore',
              email: 'prakritish@example.com',
              bookCount: 2,
              books: { items: [{ title: 'Ansible Refresher' }, { title: 'Exploring SQLAlchemy' }] },
            },
            { name: 'Umang Vanjara', email: 'umang@example.com', bookCount: 1, books: { items: [{ title: 'Effective Communication' }] } },
          ],
        },
      },
    });
  });

  it('reads each book with its author and stores', async () => {
    const res = await app.gql(
      `{ books(orderBy: [{ title: ASC }]) { items { title author { name } stores(orderBy: [{ name: ASC }]) { totalCount items { name } } totalStock } } }`,
    );
    expect(res.body.data).toEqual({
      books: {
        items: [
          {
            title: 'Ansible Refresher',
            author: { name: 'Prakritish Sen Eshore' },
            stores: { totalCount: 2, items: [{ name: 'Amazon' }, { name: 'Flipkart' }] },
            totalStock: 15,
          },
          { title: 'Effective Communication', author: { name: 'Umang Vanjara' }, stores: { totalCount: 1, items: [{ name: 'Amazon' }] }, totalStock: 10 },
          {
            title: 'Exploring SQLAlchemy',
            author: { name: 'Prakritish Sen Eshore' },
            stores: { totalCount: 2, items: [{ name: 'Amazon' }, { name: 'Flipkart' }] },
            totalStock: 15,
          },
        ],
      },
    });
  });

  it('reads each store with its books and inventory', async () => {
    const res = await app.gql(
      `{ stores(orderBy: [{ name: ASC }]) { items { name bookCount books(orderBy: [{ title: ASC }]) { items { title author { name } } } inventory { items { quantity book { title } store { name } } } } } }`,
    );
    expect(res.body.data).toEqual({
      stores: {
        items: [
          {
            name: 'Amazon',
            bookCount: 3,
            books: {
              items: [
                { title: 'Ansible Refresher', author: { name: 'Prakritish Sen Eshore' } },
                { title: 'Effective Communication', author: { name: 'Umang Vanjara' } },
                { title: 'Exploring SQLAlchemy', author: { name: 'Prakritish Sen Eshore' } },
              ],
            },
            inventory: {
              items: [
                { quantity: 10, book: { title: 'Ansible Refresher' }, store: { name: 'Amazon' } },
                { quantity: 10, book: { title: 'Exploring SQLAlchemy' }, store: { name: 'Amazon' } },
                { quantity: 10, book: { title: 'Effective Communication' }, store: { name: 'Amazon' } },
              ],
            },
          },
          {
            name: 'Flipkart',
            bookCount: 2,
            books: {
              items: [
                { title: 'Ansible Refresher', author: { name: 'Prakritish Sen Eshore' } },
                { title: 'Exploring SQLAlchemy', author: { name: 'Prakritish Sen Eshore' } },
              ],
            },
            inventory: {
              items: [
                { quantity: 5, book: { title: 'Ansible Refresher' }, store: { name: 'Flipkart' } },
                { quantity: 5, book: { title: 'Exploring SQLAlchemy' }, store: { name: 'Flipkart' } },
              ],
            },
          },
        ],
      },
    });
  });

  it('reads single records by id, both directions', async () => {
    const res = await app.gql(
      `query($a: ID!, $b: ID!, $s: ID!) {
        author(id: $a) { name books { items { title stores { items { name } } } } }
        book(id: $b) { title author { name } inventory { items { store { name } quantity } } }
        store(id: $s) { name books { totalCount items { title } } }
      }`,
      { a: ids.authors.umang, b: ids.books.sqlalchemy, s: ids.stores.flipkart },
    );
    expect(res.body.data).toEqual({
      author: { name: 'Umang Vanjara', books: { items: [{ title: 'Effective Communication', stores: { items: [{ name: 'Amazon' }] } }] } },
      book: {
        title: 'Exploring SQLAlchemy',
        author: { name: 'Prakritish Sen Eshore' },
        inventory: {
          items: [
            { store: { name: 'Amazon' }, quantity: 10 },
            { store: { name: 'Flipkart' }, quantity: 5 },
          ],
        },
      },
      store: { name: 'Flipkart', books: { totalCount: 2, items: [{ title: 'Ansible Refresher' }, { title: 'Exploring SQLAlchemy' }] } },
    });
  });
});
