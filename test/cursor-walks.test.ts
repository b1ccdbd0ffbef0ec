import fc from 'fast-check';
import { startBothPaths, type BothPaths } from './helpers/both-paths.js';
import type { TestApp } from './helpers/app.js';

// Property: on data full of ties and NULLs, a cursor walk (forward or back, any sort, any page
// size, either read path) gives exactly the offset list; and with books inserted and deleted
// between pages, no book present throughout is skipped or repeated. Both paths make the same cursors.
// Reproduce a failure with the seed and path it prints: WALK_SEED=... WALK_PATH=... npx jest test/cursor-walks.test.ts
const SEED = Number(process.env.WALK_SEED ?? 2026_12_02);
const PATH = process.env.WALK_PATH;

// 36 books over 4 authors; titles, years and prices from tiny sets (ties), a third of them NULL.
const DATA_SQL = `
INSERT INTO author (id, name, email) SELECT i, 'Author ' || (i % 2), 'a' || i || '@example.com' FROM generate_series(1, 4) i;
INSERT INTO book (id, title, isbn, published_year, price, author_id, created_at)
  SELECT i, 'T' || (i % 3), CASE WHEN i % 4 = 0 THEN NULL ELSE lpad(i::text, 13, '0') END,
    CASE WHEN i % 3 = 0 THEN NULL ELSE 2000 + i % 4 END, CASE WHEN i % 5 < 2 THEN NULL ELSE (i % 3) * 2.5 END,
    1 + i % 4, '2021-01-01T00:00:00Z'::timestamptz + (i % 6) * interval '1 microsecond'
  FROM generate_series(1, 36) i;
SELECT setval('book_id_seq', 1000);
`;

let apps: BothPaths;
beforeAll(async () => {
  apps = await startBothPaths(DATA_SQL);
}, 120_000);
afterAll(() => apps?.close());

interface Conn {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const KEYS = ['title', 'isbn', 'publishedYear', 'price', 'createdAt', 'id'];
// Keys a row keeps while other books come and go (its columns, its author's name).
const stableElement = fc.oneof(
  fc.record({ key: fc.constantFrom(...KEYS), dir: fc.constantFrom('ASC', 'DESC') }).map(({ key, dir }) => ({ [key]: dir })),
  fc.constantFrom('ASC', 'DESC').map((dir) => ({ author: { name: dir } })),
);
// An aggregate key moves a row when books are inserted or deleted (its author's bookCount), so the
// no-skip/no-repeat promise holds for it only on unchanging data, as for any paging.
const orderElement = fc.oneof(
  stableElement,
  fc.constantFrom('ASC', 'DESC').map((dir) => ({ author: { bookCount: dir } })),
);
const mutation = fc.oneof(
  fc.record({
    insert: fc.record({
      title: fc.constantFrom('T0', 'T1', 'T9'),
      year: fc.option(fc.integer({ min: 1999, max: 2004 })),
      author: fc.integer({ min: 1, max: 4 }),
    }),
  }),
  fc.record({ delete: fc.nat() }),
);

async function page(app: TestApp, orderBy: unknown, args: Record<string, unknown>): Promise<Conn> {
  const res = await app.gql<{ c: Conn }>(
    `query($o: [BookOrderBy!], $first: Int, $after: String, $last: Int, $before: String) {
      c: booksConnection(orderBy: $o, first: $first, after: $after, last: $last, before: $before) {
        edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
    { o: orderBy, ...args },
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.c;
}

async function offsetIds(app: TestApp, orderBy: unknown): Promise<string[]> {
  const res = await app.gql<{ books: { items: { id: string }[] } }>(`query($o: [BookOrderBy!]) { books(orderBy: $o, limit: 100) { items { id } } }`, {
    o: orderBy,
  });
  return res.body.data!.books.items.map((b) => b.id);
}

/** The whole list by cursor, in sort order; `between` runs after each page. */
async function walk(app: TestApp, orderBy: unknown, size: number, backward: boolean, between: () => Promise<void> = async () => undefined): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 200; pages++) {
    const c: Conn = await page(app, orderBy, backward ? { last: size, before: cursor } : { first: size, after: cursor });
    const ids = c.edges.map((e) => e.node.id);
    if (backward) seen.unshift(...ids);
    else seen.push(...ids);
    if (!(backward ? c.pageInfo.hasPreviousPage : c.pageInfo.hasNextPage)) return seen;
    cursor = backward ? c.pageInfo.startCursor : c.pageInfo.endCursor;
    await between();
  }
  throw new Error('the walk did not end');
}

describe('cursor walks (property, seeded)', () => {
  it('equal the offset list on both paths, with the same cursors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(orderElement, { maxLength: 2 }), fc.integer({ min: 1, max: 9 }), fc.boolean(), async (orderBy, size, backward) => {
        const expected = await offsetIds(apps.compiled, orderBy);
        expect(await walk(apps.compiled, orderBy, size, backward)).toEqual(expected);
        expect(await walk(apps.loaders, orderBy, size, backward)).toEqual(expected);
        const first = { first: size };
        expect(await page(apps.compiled, orderBy, first)).toEqual(await page(apps.loaders, orderBy, first));
      }),
      { numRuns: 30, seed: SEED, path: PATH, endOnFailure: true },
    );
  }, 600_000);

  it('skip and repeat no book present throughout while books are inserted and deleted between pages', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stableElement, { maxLength: 2 }),
        fc.integer({ min: 2, max: 9 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(mutation, { minLength: 1, maxLength: 12 }),
        async (orderBy, size, backward, compiledPath, mutations) => {
          const app = compiledPath ? apps.compiled : apps.loaders;
          const before = new Set(await offsetIds(app, orderBy));
          const deleted = new Set<string>();
          let next = 0;
          const mutate = async () => {
            const m = mutations[next++ % mutations.length];
            if ('insert' in m) {
              const { title, year, author } = m.insert;
              await app.pg.query('INSERT INTO book (title, published_year, author_id) VALUES ($1, $2, $3)', [title, year, author]);
            } else {
              const { rows } = await app.pg.query<{ id: number }>('SELECT id FROM book ORDER BY id OFFSET $1 LIMIT 1', [m.delete % 36]);
              if (!rows[0]) return;
              deleted.add(String(rows[0].id));
              await app.pg.query('DELETE FROM book WHERE id = $1', [rows[0].id]);
            }
          };
          const seen = await walk(app, orderBy, size, backward, mutate);
          expect(new Set(seen).size).toBe(seen.length);
          const throughout = [...before].filter((id) => !deleted.has(id));
          expect(throughout.filter((id) => !seen.includes(id))).toEqual([]);
        },
      ),
      { numRuns: 30, seed: SEED, path: PATH, endOnFailure: true },
    );
  }, 600_000);
});
