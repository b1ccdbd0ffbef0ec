import { parse, type OperationDefinitionNode } from 'graphql';
import { compileRootFields } from '../src/query/json-query.js';
import { buildAppSchema } from '../src/schema.js';
import { seedVolume } from '../src/seeders/volume.js';
import { startBothPaths, type BothPaths } from './helpers/both-paths.js';
import type { TestApp } from './helpers/app.js';
import { errorOf } from './helpers/expect.js';

// Every aggregate and group-by answer equals a HAND-WRITTEN SQL oracle (plain GROUP BY / JOIN
// statements, not the engine's builder) on volume data with NULLs, ties and authors without
// books, on BOTH read paths: the compiled one statement, and the resolvers with their loaders.
let apps: BothPaths;
beforeAll(async () => {
  apps = await startBothPaths('SELECT 1');
  const pg = apps.compiled.pg;
  await seedVolume(pg, { authors: 120, books: 2500, stores: 12 });
  await pg.query(`
    UPDATE book SET price = NULL WHERE id % 7 = 0;
    UPDATE book SET published_year = NULL WHERE id % 11 = 0;
    UPDATE book SET price = 12.50 WHERE id % 13 = 1;
    UPDATE book SET created_at = timestamptz '2020-01-01 00:00:00+00' + (id % 50) * interval '9 days 5 hours';
    UPDATE store SET city = NULL WHERE id % 4 = 0;
    INSERT INTO author (name, email) VALUES ('Nobooks One', 'nb1@example.com'), ('Nobooks Two', 'nb2@example.com');
    ANALYZE;`);
}, 300_000);
afterAll(() => apps?.close());

const paths = (): [string, TestApp][] => [
  ['compiled', apps.compiled],
  ['resolvers', apps.loaders],
];

/** The compiled engine takes the document whole (no root field left to the resolvers). */
function compiles(query: string, variables: Record<string, unknown>): boolean {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  const parts = compileRootFields(buildAppSchema().getQueryType()!, operation, { fragments: {}, variables, guarded: new Set() });
  return parts.every((p) => 'json' in p);
}

/**
 * The answer of both paths, which must agree: the compiled path in ONE statement, the resolvers
 * in one per level (`levels`: the aggregate of many parents is one batched statement).
 */
async function ask<T>(query: string, variables: Record<string, unknown> = {}, levels = 1): Promise<T> {
  expect(compiles(query, variables)).toBe(true);
  const answers: unknown[] = [];
  for (const [path, app] of paths()) {
    const res = await app.gql<T>(query, variables);
    expect(res.body.errors).toBeUndefined();
    expect(Number(res.headers.get('x-sql-statements'))).toBe(path === 'compiled' ? 1 : levels);
    answers.push(res.body.data);
  }
  expect(answers[1]).toEqual(answers[0]);
  return answers[0] as T;
}

async function oracle<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await apps.compiled.pg.query(text, values)).rows as T[];
}

const ALL = (fields: string) => `count countOf { ${fields} } sum { ${fields} } avg { ${fields} } min { ${fields} } max { ${fields} }`;
const BOOK_NUMBERS = 'publishedYear price totalStock';

/** The hand-written form of ALL over book rows `b` (with per-book stock `s.total`), as one row of columns. */
const BOOK_ORACLE_COLUMNS = `count(*)::int AS count,
  count(b.published_year)::int AS cy, count(b.price)::int AS cp, count(s.total)::int AS ct,
  sum(b.published_year)::float8 AS sy, sum(b.price)::float8 AS sp, sum(s.total)::float8 AS st,
  avg(b.published_year)::float8 AS ay, avg(b.price)::float8 AS ap, avg(s.total)::float8 AS at,
  min(b.published_year) AS miny, min(b.price)::float8 AS minp, min(s.total)::int AS mint,
  max(b.published_year) AS maxy, max(b.price)::float8 AS maxp, max(s.total)::int AS maxt`;
const BOOK_ORACLE_FROM = `book b JOIN (SELECT bk.id, coalesce(sum(i.quantity), 0)::int AS total FROM book bk LEFT JOIN inventory i ON i.book_id = bk.id GROUP BY bk.id) s ON s.id = b.id`;

type OracleRow = Record<string, number | string | null>;
const bookAggregateOf = (r: OracleRow) => ({
  count: r.count,
  countOf: { publishedYear: r.cy, price: r.cp, totalStock: r.ct },
  sum: { publishedYear: r.sy, price: r.sp, totalStock: r.st },
  avg: { publishedYear: r.ay, price: r.ap, totalStock: r.at },
  min: { publishedYear: r.miny, price: r.minp, totalStock: r.mint },
  max: { publishedYear: r.maxy, price: r.maxp, totalStock: r.maxt },
});

describe('<list>Aggregate', () => {
  test('every function over every numeric field of the books', async () => {
    const data = await ask<{ booksAggregate: unknown }>(`{ booksAggregate { ${ALL(BOOK_NUMBERS)} } }`);
    const [row] = await oracle<OracleRow>(`SELECT ${BOOK_ORACLE_COLUMNS} FROM ${BOOK_ORACLE_FROM}`);
    expect(data.booksAggregate).toEqual(bookAggregateOf(row));
    expect(row.count).toBe(2500);
    expect(row.cp).toBeLessThan(2500); // NULL prices are skipped by countOf, counted by count
  });

  test('with the list filter (a column and a to-one relation)', async () => {
    const filter = { price: { gte: 40 }, author: { name: { startsWith: 'a' } } };
    const data = await ask<{ booksAggregate: unknown }>(`query($f: BookFilter) { booksAggregate(filter: $f) { ${ALL(BOOK_NUMBERS)} } }`, { f: filter });
    const [row] = await oracle<OracleRow>(
      `SELECT ${BOOK_ORACLE_COLUMNS} FROM ${BOOK_ORACLE_FROM} JOIN author a ON a.id = b.author_id WHERE b.price >= 40 AND a.name ILIKE 'a%'`,
    );
    expect(row.count).toBeGreaterThan(0);
    expect(data.booksAggregate).toEqual(bookAggregateOf(row));
  });

  test('an empty set: count 0, countOf 0, every other function null', async () => {
    const data = await ask<{ booksAggregate: unknown }>(`{ booksAggregate(filter: { title: { eq: "no such book" } }) { ${ALL(BOOK_NUMBERS)} } }`);
    const nulls = { publishedYear: null, price: null, totalStock: null };
    expect(data.booksAggregate).toEqual({ count: 0, countOf: { publishedYear: 0, price: 0, totalStock: 0 }, sum: nulls, avg: nulls, min: nulls, max: nulls });
  });

  test('a column that is NULL on every row: avg/sum/min/max null, countOf 0, count(*) counts the rows', async () => {
    const data = await ask<{ booksAggregate: unknown }>(
      `{ booksAggregate(filter: { price: { isNull: true } }) { count countOf { price } sum { price } avg { price } min { price } max { price } } }`,
    );
    const [row] = await oracle<{ n: number }>(`SELECT count(*)::int AS n FROM book WHERE price IS NULL`);
    expect(row.n).toBeGreaterThan(0);
    expect(data.booksAggregate).toEqual({
      count: row.n,
      countOf: { price: 0 },
      sum: { price: null },
      avg: { price: null },
      min: { price: null },
      max: { price: null },
    });
  });

  test('authors, stores and inventory, with aliases and __typename', async () => {
    const data = await ask<Record<string, unknown>>(
      `{
      a: authorsAggregate { count sum { bookCount } avg { bookCount } min { bookCount } max { bookCount } }
      s: storesAggregate(filter: { city: { isNull: false } }) { __typename count n: countOf { bookCount } sum { bookCount } }
      i: inventoryAggregate(filter: { quantity: { gt: 10 } }) { count sum { quantity } avg { quantity } min { quantity } max { q: quantity } }
    }`,
      {},
      3,
    );
    const [a] = await oracle<OracleRow>(`SELECT count(*)::int AS n, sum(c)::float8 AS s, avg(c)::float8 AS av, min(c)::int AS mi, max(c)::int AS ma
      FROM (SELECT au.id, count(b.id) AS c FROM author au LEFT JOIN book b ON b.author_id = au.id GROUP BY au.id) x`);
    const [s] = await oracle<OracleRow>(`SELECT count(*)::int AS n, count(c)::int AS k, sum(c)::float8 AS s
      FROM (SELECT st.id, count(i.book_id) AS c FROM store st LEFT JOIN inventory i ON i.store_id = st.id WHERE st.city IS NOT NULL GROUP BY st.id) x`);
    const [i] =
      await oracle<OracleRow>(`SELECT count(*)::int AS n, sum(quantity)::float8 AS s, avg(quantity)::float8 AS av, min(quantity) AS mi, max(quantity) AS ma
      FROM inventory WHERE quantity > 10`);
    expect(a.mi).toBe(0); // the authors without books
    expect(data).toEqual({
      a: { count: a.n, sum: { bookCount: a.s }, avg: { bookCount: a.av }, min: { bookCount: a.mi }, max: { bookCount: a.ma } },
      s: { __typename: 'StoreAggregate', count: s.n, n: { bookCount: s.k }, sum: { bookCount: s.s } },
      i: { count: i.n, sum: { quantity: i.s }, avg: { quantity: i.av }, min: { quantity: i.mi }, max: { q: i.ma } },
    });
  });
});

interface Group {
  key: Record<string, string | number | null>;
  count: number;
  sum?: Record<string, number | null>;
  avg?: Record<string, number | null>;
  max?: Record<string, number | null>;
}

const GROUPS = `query($g: [BookGroupBy!]!, $f: BookFilter, $o: [BookGroupOrderBy!], $offset: Int, $limit: Int) {
  booksGroupBy(groupBy: $g, filter: $f, orderBy: $o, offset: $offset, limit: $limit) {
    key { authorId publishedYear price createdAtYear createdAtMonth createdAtDay } count sum { price } avg { publishedYear } max { totalStock } } }`;

const noKey = { authorId: null, publishedYear: null, price: null, createdAtYear: null, createdAtMonth: null, createdAtDay: null };
const iso = (y: number, m = 1, d = 1) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T00:00:00.000Z`;
const num = (v: unknown) => (v === null ? null : Number(v));

/** Oracle rows (key columns k_*, then n, sp, ay, mt) as the groups GraphQL returns. */
function groupsOf(rows: OracleRow[]): Group[] {
  return rows.map((r) => ({
    key: {
      ...noKey,
      ...('k_author' in r ? { authorId: r.k_author === null ? null : String(r.k_author) } : {}),
      ...('k_year' in r ? { publishedYear: r.k_year } : {}),
      ...('k_price' in r ? { price: num(r.k_price) } : {}),
      ...('k_y' in r ? { createdAtYear: iso(Number(r.k_y)) } : {}),
      ...('k_m' in r ? { createdAtMonth: iso(Number(r.k_my), Number(r.k_m)) } : {}),
      ...('k_d' in r ? { createdAtDay: iso(Number(r.k_dy), Number(r.k_dm), Number(r.k_d)) } : {}),
    },
    count: Number(r.n),
    sum: { price: r.sp as number | null },
    avg: { publishedYear: r.ay as number | null },
    max: { totalStock: r.mt as number | null },
  }));
}

const GROUP_VALUES = `count(*)::int AS n, sum(b.price)::float8 AS sp, avg(b.published_year)::float8 AS ay, max(s.total)::int AS mt`;

async function groups(variables: Record<string, unknown>): Promise<Group[]> {
  return (await ask<{ booksGroupBy: Group[] }>(GROUPS, variables)).booksGroupBy;
}

describe('<list>GroupBy', () => {
  test('books per author, top 20 by count: ties broken by the key', async () => {
    const got = await groups({ g: ['AUTHOR_ID'], o: [{ count: 'DESC' }], limit: 20 });
    const rows = await oracle<OracleRow>(
      `SELECT b.author_id AS k_author, ${GROUP_VALUES} FROM ${BOOK_ORACLE_FROM} GROUP BY b.author_id ORDER BY count(*) DESC, b.author_id LIMIT 20`,
    );
    expect(got).toEqual(groupsOf(rows));
    expect(new Set(got.map((g) => g.count)).size).toBeLessThan(20); // there are ties
  });

  test('every page of a group-by, walked by offset, is the oracle list', async () => {
    const rows = await oracle<OracleRow>(
      `SELECT b.author_id AS k_author, ${GROUP_VALUES} FROM ${BOOK_ORACLE_FROM} GROUP BY b.author_id ORDER BY sum(b.price) DESC, b.author_id`,
    );
    const walked: Group[] = [];
    for (let offset = 0; offset < 200; offset += 35) walked.push(...(await groups({ g: ['AUTHOR_ID'], o: [{ sum: { price: 'DESC' } }], offset, limit: 35 })));
    expect(rows.length).toBe(120);
    expect(walked).toEqual(groupsOf(rows));
  });

  test('a column key with NULLs: the NULL group sorts last ascending, first descending', async () => {
    const asc = await groups({ g: ['PUBLISHED_YEAR'], limit: 100 });
    const desc = await groups({ g: ['PUBLISHED_YEAR'], o: [{ key: { publishedYear: 'DESC' } }], limit: 100 });
    const rows = await oracle<OracleRow>(`SELECT b.published_year AS k_year, ${GROUP_VALUES} FROM ${BOOK_ORACLE_FROM} GROUP BY 1 ORDER BY 1`);
    expect(rows[rows.length - 1].k_year).toBeNull();
    expect(asc).toEqual(groupsOf(rows));
    const descRows = await oracle<OracleRow>(`SELECT b.published_year AS k_year, ${GROUP_VALUES} FROM ${BOOK_ORACLE_FROM} GROUP BY 1 ORDER BY 1 DESC`);
    expect(desc).toEqual(groupsOf(descRows));
  });

  test('timestamps truncated to the UTC year, month and day', async () => {
    const byYear = await groups({ g: ['CREATED_AT_YEAR'], limit: 100 });
    const byMonth = await groups({ g: ['CREATED_AT_MONTH'], o: [{ avg: { publishedYear: 'ASC' } }], limit: 100 });
    const byDay = await groups({ g: ['CREATED_AT_DAY'], o: [{ max: { totalStock: 'DESC' } }], limit: 100 });
    const part = (unit: string) => `extract(${unit} FROM b.created_at AT TIME ZONE 'UTC')::int`;
    const y = await oracle<OracleRow>(`SELECT ${part('year')} AS k_y, ${GROUP_VALUES} FROM ${BOOK_ORACLE_FROM} GROUP BY 1 ORDER BY 1`);
    const m = await oracle<OracleRow>(
      `SELECT ${part('year')} AS k_my, ${part('month')} AS k_m, ${GROUP_VALUES} FROM ${BOOK_ORACLE_FROM} GROUP BY 1, 2 ORDER BY avg(b.published_year), 1, 2`,
    );
    const d = await oracle<OracleRow>(
      `SELECT ${part('year')} AS k_dy, ${part('month')} AS k_dm, ${part('day')} AS k_d, ${GROUP_VALUES} FROM ${BOOK_ORACLE_FROM} GROUP BY 1, 2, 3 ORDER BY max(s.total) DESC, 1, 2, 3`,
    );
    expect([y.length, m.length > 12, d.length]).toEqual([2, true, 50]);
    expect(byYear).toEqual(groupsOf(y));
    expect(byMonth).toEqual(groupsOf(m));
    expect(byDay).toEqual(groupsOf(d));
  });

  test('two keys, a filter, ordered by an aggregate then a key, paged', async () => {
    const f = { publishedYear: { gte: 2000 }, author: { name: { contains: 'e' } } };
    const got = await groups({ g: ['AUTHOR_ID', 'PRICE'], f, o: [{ count: 'DESC' }, { key: { price: 'DESC' } }], offset: 10, limit: 30 });
    const rows = await oracle<OracleRow>(
      `SELECT b.author_id AS k_author, b.price AS k_price, ${GROUP_VALUES} FROM ${BOOK_ORACLE_FROM} JOIN author a ON a.id = b.author_id
       WHERE b.published_year >= 2000 AND a.name ILIKE '%e%' GROUP BY 1, 2 ORDER BY count(*) DESC, 2 DESC, 1, 2 OFFSET 10 LIMIT 30`,
    );
    expect(rows.length).toBe(30);
    expect(got).toEqual(groupsOf(rows));
  });

  test('an empty result is an empty list; a page past the end too', async () => {
    expect(await groups({ g: ['AUTHOR_ID'], f: { title: { eq: 'no such book' } } })).toEqual([]);
    expect(await groups({ g: ['AUTHOR_ID'], offset: 500 })).toEqual([]);
  });

  test('stores by city (NULL cities in one group) and inventory by store', async () => {
    const data = await ask<{ s: Group[]; i: unknown[] }>(
      `{
      s: storesGroupBy(groupBy: [CITY], limit: 100) { key { city } count sum { bookCount } }
      i: inventoryGroupBy(groupBy: [STORE_ID], orderBy: [{ sum: { quantity: DESC } }], limit: 100) { key { storeId bookId } count sum { quantity } avg { quantity } }
    }`,
      {},
      2,
    );
    const s = await oracle<OracleRow>(`SELECT st.city, count(*)::int AS n, sum(c)::float8 AS s
      FROM store st JOIN (SELECT s2.id, count(i.book_id) AS c FROM store s2 LEFT JOIN inventory i ON i.store_id = s2.id GROUP BY s2.id) x ON x.id = st.id
      GROUP BY st.city ORDER BY st.city`);
    const i = await oracle<OracleRow>(`SELECT store_id, count(*)::int AS n, sum(quantity)::float8 AS s, avg(quantity)::float8 AS av
      FROM inventory GROUP BY store_id ORDER BY sum(quantity) DESC, store_id`);
    expect(s.some((r) => r.city === null)).toBe(true);
    expect(data.s).toEqual(s.map((r) => ({ key: { city: r.city }, count: r.n, sum: { bookCount: r.s } })));
    expect(data.i).toEqual(i.map((r) => ({ key: { storeId: String(r.store_id), bookId: null }, count: r.n, sum: { quantity: r.s }, avg: { quantity: r.av } })));
  });
});

describe('per-parent aggregates, batched', () => {
  test('Author.booksAggregate with a filter, authors without books included', async () => {
    const data = await ask<{ authors: { items: { id: string; all: unknown; cheap: unknown }[] } }>(
      `{ authors(orderBy: [{ id: DESC }], limit: 30) { items { id
        all: booksAggregate { ${ALL(BOOK_NUMBERS)} }
        cheap: booksAggregate(filter: { price: { lt: 30 } }) { count avg { price } } } } }`,
      {},
      3,
    );
    const all = await oracle<OracleRow & { id: number }>(`SELECT au.id, ${BOOK_ORACLE_COLUMNS.replace('count(*)::int', 'count(b.id)::int')}
      FROM author au LEFT JOIN ${BOOK_ORACLE_FROM} ON b.author_id = au.id GROUP BY au.id ORDER BY au.id DESC LIMIT 30`);
    const cheap = await oracle<{ id: number; n: number; ap: number | null }>(`SELECT au.id, count(b.id)::int AS n, avg(b.price)::float8 AS ap
      FROM author au LEFT JOIN book b ON b.author_id = au.id AND b.price < 30 GROUP BY au.id ORDER BY au.id DESC LIMIT 30`);
    expect(all.slice(0, 2).map((r) => r.count)).toEqual([0, 0]); // the two authors without books
    expect(data.authors.items).toEqual(
      all.map((r, i) => ({ id: String(r.id), all: bookAggregateOf(r), cheap: { count: cheap[i].n, avg: { price: cheap[i].ap } } })),
    );
  });

  test('Store.inventoryAggregate and Book.inventoryAggregate', async () => {
    const data = await ask<{ stores: { items: unknown[] }; books: { items: unknown[] } }>(
      `{ stores(limit: 100) { items { id inventoryAggregate(filter: { quantity: { gte: 25 } }) { count sum { quantity } max { quantity } } } }
         books(limit: 10, orderBy: [{ id: ASC }]) { items { id inventoryAggregate { count min { quantity } } } } }`,
      {},
      4,
    );
    const stores = await oracle<{
      id: number;
      n: number;
      s: number | null;
      m: number | null;
    }>(`SELECT st.id, count(i.book_id)::int AS n, sum(i.quantity)::float8 AS s, max(i.quantity) AS m
      FROM store st LEFT JOIN inventory i ON i.store_id = st.id AND i.quantity >= 25 GROUP BY st.id ORDER BY st.id`);
    const books = await oracle<{ id: number; n: number; m: number | null }>(`SELECT b.id, count(i.store_id)::int AS n, min(i.quantity) AS m
      FROM book b LEFT JOIN inventory i ON i.book_id = b.id GROUP BY b.id ORDER BY b.id LIMIT 10`);
    expect(data.stores.items).toEqual(
      stores.map((r) => ({ id: String(r.id), inventoryAggregate: { count: r.n, sum: { quantity: r.s }, max: { quantity: r.m } } })),
    );
    expect(data.books.items).toEqual(books.map((r) => ({ id: String(r.id), inventoryAggregate: { count: r.n, min: { quantity: r.m } } })));
  });
});

test('through the many-to-many link: Store.booksAggregate and Book.storesAggregate', async () => {
  const data = await ask<{ stores: { items: unknown[] }; books: { items: unknown[] } }>(
    `{ stores(limit: 100) { items { id booksAggregate(filter: { publishedYear: { lt: 1990 } }) { count avg { price } countOf { publishedYear } } } }
       books(limit: 15, orderBy: [{ id: DESC }]) { items { id storesAggregate(filter: { city: { isNull: false } }) { count sum { bookCount } } } } }`,
    {},
    4,
  );
  const stores = await oracle<{ id: number; n: number; ap: number | null; cy: number }>(`SELECT st.id, count(b.id)::int AS n, avg(b.price)::float8 AS ap,
      count(b.published_year)::int AS cy FROM store st LEFT JOIN inventory i ON i.store_id = st.id
      LEFT JOIN book b ON b.id = i.book_id AND b.published_year < 1990 GROUP BY st.id ORDER BY st.id`);
  const books = await oracle<{ id: number; n: number; s: number | null }>(`SELECT b.id, count(st.id)::int AS n, sum(sc.c)::float8 AS s
      FROM book b LEFT JOIN inventory i ON i.book_id = b.id LEFT JOIN store st ON st.id = i.store_id AND st.city IS NOT NULL
      LEFT JOIN (SELECT store_id, count(*) AS c FROM inventory GROUP BY store_id) sc ON sc.store_id = st.id
      GROUP BY b.id ORDER BY b.id DESC LIMIT 15`);
  expect(data.stores.items).toEqual(
    stores.map((r) => ({ id: String(r.id), booksAggregate: { count: r.n, avg: { price: r.ap }, countOf: { publishedYear: r.cy } } })),
  );
  expect(data.books.items).toEqual(books.map((r) => ({ id: String(r.id), storesAggregate: { count: r.n, sum: { bookCount: r.s } } })));
});

describe('refused with BAD_USER_INPUT and the path, on both paths', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['no key', { g: [] }, 'groupBy'],
    ['a key twice', { g: ['AUTHOR_ID', 'PRICE', 'AUTHOR_ID'] }, 'groupBy.2'],
    ['more than 4 keys', { g: ['AUTHOR_ID', 'PRICE', 'TITLE', 'ISBN', 'PUBLISHED_YEAR'] }, 'groupBy'],
    ['ordered by a key not grouped by', { g: ['AUTHOR_ID'], o: [{ key: { price: 'ASC' } }] }, 'orderBy.0.key.price'],
    ['an order element setting two fields', { g: ['AUTHOR_ID'], o: [{ count: 'ASC', sum: { price: 'ASC' } }] }, 'orderBy.0'],
    ['an order element setting none', { g: ['AUTHOR_ID'], o: [{ sum: {} }] }, 'orderBy.0.sum'],
    ['a limit over 100', { g: ['AUTHOR_ID'], limit: 101 }, 'limit'],
    ['a bad filter', { g: ['AUTHOR_ID'], f: { author: { id: { eq: 'x' } } } }, 'filter.author.id.eq'],
  ];
  test.each(cases)('%s', async (_, variables, path) => {
    for (const [, app] of paths()) {
      const error = errorOf(await app.gql(GROUPS, variables), 'BAD_USER_INPUT');
      expect(error.extensions.fields).toEqual([{ path, message: expect.any(String) }]);
    }
  });

  test('an unknown group key (a variable) is refused before anything runs', async () => {
    for (const [, app] of paths()) {
      const res = await app.gql(GROUPS, { g: ['NOPE'] });
      expect(errorOf(res, 'BAD_USER_INPUT').message).toMatch(/NOPE/);
    }
  });
});

test('sub-selections emptied by @include/@skip, repeated fields and fragments answer as graphql-js does', async () => {
  const data = await ask<Record<string, unknown>>(
    `query($v: BookFilter) { authors(orderBy: [{ id: ASC }], limit: 2) { items { booksAggregate(filter: $v) { s: sum { publishedYear @include(if: false) } avg @include(if: false) { totalStock } } } }
      booksAggregate(filter: { and: [] }) { min @skip(if: true) { price } avg { price price ...P } } }
    fragment P on BookAvgAggregates { price publishedYear }`,
    { v: { publishedYear: { eq: 18 } } },
    3,
  );
  const [avg] = await oracle<{ p: number; y: number }>('SELECT avg(price)::float8 AS p, avg(published_year)::float8 AS y FROM book');
  expect(data).toEqual({
    authors: { items: [{ booksAggregate: { s: {} } }, { booksAggregate: { s: {} } }] }, // no aggregate function called, no row matching: still one object
    booksAggregate: { avg: { price: avg.p, publishedYear: avg.y } },
  });
});
