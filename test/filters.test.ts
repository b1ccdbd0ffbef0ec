import { startTestApp, type TestApp } from './helpers/app.js';
import { errorOf } from './helpers/expect.js';
import { ids, loadQueryData } from './helpers/query-data.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await loadQueryData(app);
});
afterAll(() => app.close());

async function bookIds(filter: unknown): Promise<number[]> {
  const res = await app.gql('query($f: BookFilter) { books(filter: $f, limit: 100) { items { id } } }', { f: filter });
  expect(res.body.errors).toBeUndefined();
  return ids(res.body.data, 'books');
}
async function authorIds(filter: unknown): Promise<number[]> {
  const res = await app.gql('query($f: AuthorFilter) { authors(filter: $f) { items { id } } }', { f: filter });
  expect(res.body.errors).toBeUndefined();
  return ids(res.body.data, 'authors');
}
async function storeIds(filter: unknown): Promise<number[]> {
  const res = await app.gql('query($f: StoreFilter) { stores(filter: $f) { items { id } } }', { f: filter });
  expect(res.body.errors).toBeUndefined();
  return ids(res.body.data, 'stores');
}

describe('scalar operators', () => {
  it.each([
    ['IDFilter.eq', { id: { eq: '3' } }, [3]],
    ['IDFilter.ne', { id: { ne: '3' } }, [1, 2, 4, 5, 6, 7, 8]],
    ['IDFilter.in', { id: { in: ['2', '4', '99'] } }, [2, 4]],
    ['IDFilter.in empty', { id: { in: [] } }, []],
    ['IDFilter.notIn', { id: { notIn: ['1', '2', '3', '4', '5'] } }, [6, 7, 8]],
    ['StringFilter.eq (exact, case-sensitive)', { title: { eq: 'Meridian' } }, [2]],
    ['StringFilter.eq other case', { title: { eq: 'meridian' } }, []],
    ['StringFilter.ne', { title: { ne: 'Meridian' } }, [1, 3, 4, 5, 6, 7, 8]],
    ['StringFilter.in', { title: { in: ['Unless', 'Chronicles'] } }, [4, 6]],
    ['StringFilter.notIn', { title: { notIn: ['Unless', 'Chronicles'] } }, [1, 2, 3, 5, 7, 8]],
    ['StringFilter.contains (case-insensitive)', { title: { contains: 'THE' } }, [1, 3, 5]],
    ['StringFilter.startsWith', { title: { startsWith: 'the' } }, [1, 5]],
    ['StringFilter.endsWith', { title: { endsWith: 'S' } }, [4, 5, 6, 8]],
    ['StringFilter.contains "%" is literal', { title: { contains: '%' } }, [7]],
    ['StringFilter.contains "_" is literal', { title: { contains: '_' } }, [7]],
    ['StringFilter.contains a quote', { title: { contains: "'" } }, []],
    ['StringFilter.isNull true', { isbn: { isNull: true } }, [2, 3, 6, 7]],
    ['StringFilter.isNull false', { isbn: { isNull: false } }, [1, 4, 5, 8]],
    ['IntFilter.eq', { publishedYear: { eq: 1993 } }, [5]],
    ['IntFilter.ne (NULL never matches)', { publishedYear: { ne: 1993 } }, [1, 2, 3, 4, 6, 7]],
    ['IntFilter.in', { publishedYear: { in: [1963, 2010] } }, [3, 7]],
    ['IntFilter.notIn', { publishedYear: { notIn: [1963, 2010] } }, [1, 2, 4, 5, 6]],
    ['IntFilter.gt', { publishedYear: { gt: 2002 } }, [4, 7]],
    ['IntFilter.gte', { publishedYear: { gte: 2002 } }, [4, 6, 7]],
    ['IntFilter.lt', { publishedYear: { lt: 1976 } }, [3]],
    ['IntFilter.lte', { publishedYear: { lte: 1976 } }, [2, 3]],
    ['IntFilter.isNull', { publishedYear: { isNull: true } }, [8]],
    ['FloatFilter.eq', { price: { eq: 9.99 } }, [6]],
    ['FloatFilter.ne', { price: { ne: 9.99 } }, [1, 2, 4, 5, 7, 8]],
    ['FloatFilter.gt', { price: { gt: 18 } }, [4, 7]],
    ['FloatFilter.gte', { price: { gte: 18 } }, [4, 5, 7]],
    ['FloatFilter.lt', { price: { lt: 9.99 } }, [8]],
    ['FloatFilter.lte', { price: { lte: 9.99 } }, [6, 8]],
    ['FloatFilter.isNull', { price: { isNull: true } }, [3]],
    ['FloatFilter range', { price: { gt: 9, lt: 16 } }, [1, 2, 6]],
    ['DateTimeFilter.eq', { createdAt: { eq: '2021-01-03T00:00:00Z' } }, [3]],
    ['DateTimeFilter.gt', { createdAt: { gt: '2021-01-06T00:00:00Z' } }, [7, 8]],
    ['DateTimeFilter.gte', { createdAt: { gte: '2021-01-06T00:00:00Z' } }, [6, 7, 8]],
    ['DateTimeFilter.lt', { createdAt: { lt: '2021-01-02T00:00:00Z' } }, [1]],
    ['DateTimeFilter.lte', { createdAt: { lte: '2021-01-02T00:00:00Z' } }, [1, 2]],
  ])('%s', async (_name, filter, expected) => {
    expect(await bookIds(filter)).toEqual(expected);
  });

  it('matches backslashes, % and _ literally in author fields', async () => {
    expect(await authorIds({ email: { startsWith: 'dan_brown%' } })).toEqual([4]);
    expect(await authorIds({ email: { contains: '_b' } })).toEqual([4]);
    expect(await authorIds({ bio: { contains: '\\with' } })).toEqual([4]);
    expect(await authorIds({ bio: { contains: 'novel' } })).toEqual([1, 3]);
  });

  it('filters stores by name and a NULL city', async () => {
    expect(await storeIds({ city: { isNull: true } })).toEqual([3]);
    expect(await storeIds({ name: { endsWith: 'KART' } })).toEqual([2]);
  });
});

describe('combinators', () => {
  it('ANDs the fields of one filter', async () => {
    expect(await bookIds({ title: { contains: 'the' }, price: { lt: 16 } })).toEqual([1]);
  });
  it('and', async () => {
    expect(await bookIds({ and: [{ price: { gte: 10 } }, { price: { lte: 18 } }] })).toEqual([1, 2, 5]);
  });
  it('or', async () => {
    expect(await bookIds({ or: [{ id: { eq: '1' } }, { publishedYear: { isNull: true } }] })).toEqual([1, 8]);
  });
  it('not (a NULL comparison counts as not matching, so not includes it)', async () => {
    expect(await bookIds({ not: { price: { gte: 10 } } })).toEqual([3, 6, 8]);
  });
  it('nested to depth: or of and of not', async () => {
    const filter = {
      or: [
        { and: [{ title: { startsWith: 'The' } }, { not: { price: { gt: 16 } } }] },
        { not: { or: [{ publishedYear: { lt: 2005 } }, { publishedYear: { isNull: true } }] } },
      ],
    };
    expect(await bookIds(filter)).toEqual([1, 7]);
  });
  it('empty and / or lists', async () => {
    expect(await bookIds({ and: [] })).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await bookIds({ or: [] })).toEqual([]);
  });
});

describe('relation filters', () => {
  it('BookFilter.author', async () => {
    expect(await bookIds({ author: { name: { startsWith: 'carol' } } })).toEqual([5, 6]);
  });
  it('AuthorFilter.books some / none / every', async () => {
    expect(await authorIds({ books: { some: { price: { gt: 19 } } } })).toEqual([2, 4]);
    expect(await authorIds({ books: { none: { price: { gt: 19 } } } })).toEqual([1, 3, 5]);
    expect(await authorIds({ books: { every: { price: { lt: 19 } } } })).toEqual([1, 3, 5]);
  });
  it('every is true and none is true for an author with no books; some is false', async () => {
    expect(await authorIds({ id: { eq: '5' }, books: { every: { title: { eq: 'nothing' } } } })).toEqual([5]);
    expect(await authorIds({ id: { eq: '5' }, books: { none: {} } })).toEqual([5]);
    expect(await authorIds({ id: { eq: '5' }, books: { some: {} } })).toEqual([]);
  });
  it('every treats a NULL comparison as not matching', async () => {
    expect(await authorIds({ books: { every: { price: { gte: 0 } } } })).toEqual([1, 3, 4, 5]);
  });
  it('BookFilter.stores some / none / every, with the empty-relation cases', async () => {
    expect(await bookIds({ stores: { some: { name: { eq: 'Flipkart' } } } })).toEqual([1, 5, 6, 7]);
    expect(await bookIds({ stores: { none: { name: { eq: 'Amazon' } } } })).toEqual([6, 7, 8]);
    expect(await bookIds({ stores: { every: { city: { eq: 'Bangalore' } } } })).toEqual([6, 7, 8]);
    expect(await bookIds({ stores: { some: {} } })).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
  it('StoreFilter.books some / none / every, with the empty-relation cases', async () => {
    expect(await storeIds({ books: { some: { publishedYear: { lt: 1970 } } } })).toEqual([1]);
    expect(await storeIds({ books: { none: { publishedYear: { lt: 1970 } } } })).toEqual([2, 3]);
    expect(await storeIds({ books: { every: { price: { lt: 25 } } } })).toEqual([3]);
  });
  it('relation filters nest: authors with a book stocked in Bangalore', async () => {
    expect(await authorIds({ books: { some: { stores: { some: { city: { eq: 'Bangalore' } } } } } })).toEqual([1, 3, 4]);
  });
});

describe('bad filter values', () => {
  it('refuses a malformed id with BAD_USER_INPUT and the path of the value', async () => {
    const res = await app.gql('{ books(filter: { id: { in: ["1", "one"] } }) { items { id } } }');
    expect(errorOf(res, 'BAD_USER_INPUT').extensions.fields).toEqual([{ path: 'filter.id.in.1', message: 'is not a valid id' }]);
  });
  it('refuses an in-list of more than 1000 values', async () => {
    const res = await app.gql('query($f: BookFilter) { books(filter: $f) { items { id } } }', {
      f: { title: { in: Array.from({ length: 1001 }, (_, i) => `t${i}`) } },
    });
    expect(errorOf(res, 'BAD_USER_INPUT').extensions.fields).toEqual([{ path: 'filter.title.in', message: 'may hold at most 1000 values' }]);
  });
});
