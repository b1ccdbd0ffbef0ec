import { BadUserInputError } from '../../src/errors.js';
import { filterToSql } from '../../src/query/filters.js';
import { AuthorModel, BookModel } from '../../src/query/model.js';
import { orderBySql, orderToKeys } from '../../src/query/order.js';
import { escapeLike, sql } from '../../src/query/sql.js';

const compile = (s: ReturnType<typeof sql>) => s.compile();

describe('sql template', () => {
  it('binds values and splices fragments', () => {
    const inner = sql`"a" = ${1}`;
    expect(compile(sql`SELECT ${inner} AND "b" = ${'x'}`)).toEqual({ text: 'SELECT "a" = $1 AND "b" = $2', values: [1, 'x'] });
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });
});

describe('filterToSql', () => {
  it('turns operators into bound comparisons', () => {
    const where = filterToSql(BookModel, 't', { title: { contains: 'a%b' }, price: { gte: 5, lt: 10 }, id: { in: ['1', '2'] } });
    expect(compile(where)).toEqual({
      text: '("t"."title" ILIKE $1 AND ("t"."price" >= $2 AND "t"."price" < $3) AND "t"."id" = ANY($4))',
      values: ['%a\\%b%', 5, 10, [1, 2]],
    });
  });

  it('combines and / or / not', () => {
    const where = filterToSql(AuthorModel, 't', { or: [{ name: { eq: 'A' } }, { not: { bio: { isNull: true } } }] });
    expect(compile(where)).toEqual({ text: '("t"."name" = $1 OR ("t"."bio" IS NULL) IS NOT TRUE)', values: ['A'] });
  });

  it('builds relation filters as EXISTS subqueries', () => {
    const where = filterToSql(AuthorModel, 't', { books: { every: { price: { lt: 10 } } } });
    expect(compile(where)).toEqual({
      text: 'NOT EXISTS (SELECT 1 FROM "book" "b1" WHERE "b1"."author_id" = "t"."id" AND ("b1"."price" < $1) IS NOT TRUE)',
      values: [10],
    });
    const one = filterToSql(BookModel, 't', { author: { name: { startsWith: 'Um' } } });
    expect(compile(one)).toEqual({
      text: 'EXISTS (SELECT 1 FROM "author" "a1" WHERE "a1"."id" = "t"."author_id" AND "a1"."name" ILIKE $1)',
      values: ['Um%'],
    });
  });

  it('rejects malformed ids with the path of the bad value', () => {
    expect(() => filterToSql(BookModel, 't', { id: { in: ['1', 'x'] } })).toThrow(BadUserInputError);
    try {
      filterToSql(BookModel, 't', { id: { in: ['1', 'x'] } });
    } catch (err) {
      expect((err as BadUserInputError).fields).toEqual([{ path: 'filter.id.in.1', message: 'is not a valid id' }]);
    }
  });
});

describe('orderToKeys', () => {
  it('always ends with id ASC and sorts by relations through a subquery', () => {
    const keys = orderToKeys(BookModel, 't', [{ author: { name: 'DESC' } }, { price: 'ASC' }]);
    expect(compile(orderBySql(keys)).text).toBe(
      '(SELECT "t_author"."name" FROM "author" "t_author" WHERE "t_author"."id" = "t"."author_id") DESC, "t"."price" ASC, "t"."id" ASC',
    );
  });

  it('refuses an element with zero or two fields', () => {
    expect(() => orderToKeys(BookModel, 't', [{}])).toThrow('must set exactly one field (found 0)');
    expect(() => orderToKeys(BookModel, 't', [{ title: 'ASC', price: 'DESC' }])).toThrow('must set exactly one field (found 2)');
  });
});
