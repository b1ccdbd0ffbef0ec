import { startTestApp, type TestApp } from './helpers/app.js';
import { errorOf } from './helpers/expect.js';
import { ids, loadQueryData } from './helpers/query-data.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await loadQueryData(app);
});
afterAll(() => app.close());

async function sorted(list: 'books' | 'authors' | 'stores', type: string, orderBy: unknown, extra = ''): Promise<number[]> {
  const res = await app.gql(`query($o: [${type}!]) { ${list}(orderBy: $o, limit: 100 ${extra}) { items { id } } }`, { o: orderBy });
  expect(res.body.errors).toBeUndefined();
  return ids(res.body.data, list);
}

describe('sorting', () => {
  it.each([
    [{ id: 'DESC' }, [8, 7, 6, 5, 4, 3, 2, 1]],
    [{ title: 'ASC' }, [7, 8, 3, 4, 2, 1, 5, 6]],
    [{ title: 'DESC' }, [6, 5, 1, 2, 4, 3, 8, 7]],
    [{ isbn: 'ASC' }, [5, 1, 8, 4, 2, 3, 6, 7]],
    [{ isbn: 'DESC' }, [2, 3, 6, 7, 4, 8, 1, 5]],
    [{ publishedYear: 'ASC' }, [3, 2, 1, 5, 6, 4, 7, 8]],
    [{ publishedYear: 'DESC' }, [8, 7, 4, 6, 5, 1, 2, 3]],
    [{ price: 'ASC' }, [8, 6, 2, 1, 5, 4, 7, 3]],
    [{ price: 'DESC' }, [3, 7, 4, 5, 1, 2, 6, 8]],
    [{ createdAt: 'ASC' }, [1, 2, 3, 4, 5, 6, 7, 8]],
    [{ createdAt: 'DESC' }, [8, 7, 6, 5, 4, 3, 2, 1]],
  ])('books by %j (NULLs last ASC, first DESC; ties by id)', async (orderBy, expected) => {
    expect(await sorted('books', 'BookOrderBy', [orderBy])).toEqual(expected);
  });

  it('books by a relation field, then another key', async () => {
    expect(await sorted('books', 'BookOrderBy', [{ author: { name: 'DESC' } }, { price: 'DESC' }])).toEqual([7, 8, 5, 6, 3, 4, 1, 2]);
    expect(await sorted('books', 'BookOrderBy', [{ author: { bookCount: 'ASC' } }, { title: 'ASC' }])).toEqual([7, 8, 3, 4, 2, 1, 5, 6]);
  });

  it.each([
    [{ name: 'ASC' }, [1, 2, 3, 4, 5]],
    [{ name: 'DESC' }, [5, 4, 3, 2, 1]],
    [{ email: 'ASC' }, [1, 2, 3, 4, 5]],
    [{ email: 'DESC' }, [5, 4, 3, 2, 1]],
    [{ createdAt: 'DESC' }, [5, 4, 3, 2, 1]],
    [{ bookCount: 'ASC' }, [5, 1, 2, 3, 4]],
    [{ bookCount: 'DESC' }, [1, 2, 3, 4, 5]],
    [{ id: 'ASC' }, [1, 2, 3, 4, 5]],
  ])('authors by %j', async (orderBy, expected) => {
    expect(await sorted('authors', 'AuthorOrderBy', [orderBy])).toEqual(expected);
  });

  it.each([
    [{ name: 'ASC' }, [1, 3, 2]],
    [{ city: 'ASC' }, [2, 1, 3]],
    [{ city: 'DESC' }, [3, 1, 2]],
    [{ createdAt: 'DESC' }, [3, 2, 1]],
    [{ bookCount: 'DESC' }, [1, 2, 3]],
    [{ bookCount: 'ASC' }, [3, 2, 1]],
    [{ id: 'DESC' }, [3, 2, 1]],
  ])('stores by %j', async (orderBy, expected) => {
    expect(await sorted('stores', 'StoreOrderBy', [orderBy])).toEqual(expected);
  });

  it('refuses an orderBy element with zero or two fields', async () => {
    const zero = await app.gql('{ books(orderBy: [{}]) { items { id } } }');
    expect(errorOf(zero, 'BAD_USER_INPUT').extensions.fields).toEqual([{ path: 'orderBy.0', message: 'must set exactly one field (found 0)' }]);
    const two = await app.gql('{ books(orderBy: [{ title: ASC }, { title: ASC, price: DESC }]) { items { id } } }');
    expect(errorOf(two, 'BAD_USER_INPUT').extensions.fields).toEqual([{ path: 'orderBy.1', message: 'must set exactly one field (found 2)' }]);
  });
});

describe('offset pagination', () => {
  const page = (offset: number, limit: number, extra = '') =>
    app.gql(`{ books(orderBy: [{ price: ASC }], offset: ${offset}, limit: ${limit}${extra}) { items { id } totalCount offset limit hasNextPage } }`);

  it('pages are stable and cover every row exactly once, even with ties', async () => {
    await app.pg.query('UPDATE book SET price = 10 WHERE id IN (2, 4, 6)');
    try {
      const seen: number[] = [];
      for (let offset = 0; offset < 8; offset += 3) seen.push(...ids((await page(offset, 3)).body.data, 'books'));
      expect(seen).toEqual([8, 2, 4, 6, 1, 5, 7, 3]);
    } finally {
      await app.pg.query('UPDATE book SET price = CASE id WHEN 2 THEN 12.50 WHEN 4 THEN 20 ELSE 9.99 END WHERE id IN (2, 4, 6)');
    }
  });

  it('reports totalCount, offset, limit and hasNextPage', async () => {
    expect((await page(0, 3)).body.data).toEqual({
      books: { items: [{ id: '8' }, { id: '6' }, { id: '2' }], totalCount: 8, offset: 0, limit: 3, hasNextPage: true },
    });
    expect((await page(5, 3)).body.data).toEqual({
      books: { items: [{ id: '4' }, { id: '7' }, { id: '3' }], totalCount: 8, offset: 5, limit: 3, hasNextPage: false },
    });
  });

  it('handles the edges: limit 0, limit 100, an offset past the end', async () => {
    expect((await page(0, 0)).body.data).toEqual({ books: { items: [], totalCount: 8, offset: 0, limit: 0, hasNextPage: true } });
    expect(ids((await page(0, 100)).body.data, 'books')).toHaveLength(8);
    expect((await page(50, 10)).body.data).toEqual({ books: { items: [], totalCount: 8, offset: 50, limit: 10, hasNextPage: false } });
  });

  it('defaults to offset 0 and limit 20, and takes null as the default', async () => {
    const res = await app.gql('{ books(offset: null, limit: null) { offset limit } authors { offset limit } }');
    expect(res.body.data).toEqual({ books: { offset: 0, limit: 20 }, authors: { offset: 0, limit: 20 } });
  });

  it('refuses limit > 100, limit < 0 and offset < 0 with BAD_USER_INPUT', async () => {
    expect(errorOf(await page(0, 101), 'BAD_USER_INPUT').extensions.fields).toEqual([{ path: 'limit', message: 'must be between 0 and 100' }]);
    expect(errorOf(await page(0, -1), 'BAD_USER_INPUT').extensions.fields).toEqual([{ path: 'limit', message: 'must be between 0 and 100' }]);
    expect(errorOf(await page(-1, 5), 'BAD_USER_INPUT').extensions.fields).toEqual([{ path: 'offset', message: 'must be 0 or more' }]);
    const nested = await app.gql('{ authors { items { books(limit: 500) { items { id } } } } }');
    expect(nested.body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ path: 'limit', message: 'must be between 0 and 100' }] });
  });
});

describe('nested lists: filter, sort and paginate per parent', () => {
  it('gives each author its own page of books', async () => {
    const res = await app.gql(
      `{ authors(orderBy: [{ id: ASC }]) { items { id books(orderBy: [{ title: DESC }], limit: 1, offset: 1) { items { title } totalCount hasNextPage } } } }`,
    );
    expect(res.body.data).toEqual({
      authors: {
        items: [
          { id: '1', books: { items: [{ title: 'Meridian' }], totalCount: 2, hasNextPage: false } },
          { id: '2', books: { items: [{ title: 'Blowin in the Wind' }], totalCount: 2, hasNextPage: false } },
          { id: '3', books: { items: [{ title: 'The Stone Diaries' }], totalCount: 2, hasNextPage: false } },
          { id: '4', books: { items: [{ title: '100% Pure_Code' }], totalCount: 2, hasNextPage: false } },
          { id: '5', books: { items: [], totalCount: 0, hasNextPage: false } },
        ],
      },
    });
  });

  it('filters nested lists per parent, and different arguments on aliases stay apart', async () => {
    const res = await app.gql(`{ stores(orderBy: [{ id: ASC }]) { items { name
      cheap: books(filter: { price: { lt: 13 } }, orderBy: [{ price: ASC }]) { totalCount items { title } }
      recent: books(filter: { publishedYear: { gte: 2000 } }, orderBy: [{ publishedYear: DESC }], limit: 1) { totalCount hasNextPage items { title } }
    } } }`);
    expect(res.body.data).toEqual({
      stores: {
        items: [
          {
            name: 'Amazon',
            cheap: { totalCount: 1, items: [{ title: 'Meridian' }] },
            recent: { totalCount: 1, hasNextPage: false, items: [{ title: 'Chronicles' }] },
          },
          {
            name: 'Flipkart',
            cheap: { totalCount: 1, items: [{ title: 'Unless' }] },
            recent: { totalCount: 2, hasNextPage: true, items: [{ title: '100% Pure_Code' }] },
          },
          { name: 'Empty Shelf', cheap: { totalCount: 0, items: [] }, recent: { totalCount: 0, hasNextPage: false, items: [] } },
        ],
      },
    });
  });

  it('paginates Book.stores and Book.inventory per book', async () => {
    const res = await app.gql(`{ books(filter: { id: { in: ["1", "5", "8"] } }) { items { id
      stores(orderBy: [{ name: DESC }], limit: 1) { items { name } hasNextPage }
      inventory(offset: 1) { items { store { name } quantity } totalCount } } } }`);
    expect(res.body.data).toEqual({
      books: {
        items: [
          {
            id: '1',
            stores: { items: [{ name: 'Flipkart' }], hasNextPage: true },
            inventory: { items: [{ store: { name: 'Flipkart' }, quantity: 4 }], totalCount: 2 },
          },
          {
            id: '5',
            stores: { items: [{ name: 'Flipkart' }], hasNextPage: true },
            inventory: { items: [{ store: { name: 'Flipkart' }, quantity: 1 }], totalCount: 2 },
          },
          { id: '8', stores: { items: [], hasNextPage: false }, inventory: { items: [], totalCount: 0 } },
        ],
      },
    });
  });
});
