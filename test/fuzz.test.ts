import fc from 'fast-check';
import { startTestApp, type TestApp } from './helpers/app.js';
import { databaseChecksum } from './helpers/checksum.js';
import { inputType, invalidValue, validOrderElement, validValue } from './helpers/filter-arbitraries.js';
import { loadQueryData } from './helpers/query-data.js';
import { codesOf, expectStillServing, LEAK } from './helpers/response-checks.js';

// Generative fuzzing of filter and orderBy inputs, built from the schema (helpers/filter-arbitraries.ts).
let app: TestApp;
let checksum: string;
const outcomes: Record<string, number> = {};

const LISTS = [
  { field: 'books', filter: 'BookFilter', order: 'BookOrderBy' },
  { field: 'authors', filter: 'AuthorFilter', order: 'AuthorOrderBy' },
  { field: 'stores', filter: 'StoreFilter', order: 'StoreOrderBy' },
];

const query = (l: (typeof LISTS)[number]) =>
  `query($f: ${l.filter}, $o: [${l.order}!], $limit: Int, $offset: Int) { ${l.field}(filter: $f, orderBy: $o, limit: $limit, offset: $offset) { totalCount items { id } } }`;

const requestOf = (valid: boolean) =>
  fc.oneof(
    ...LISTS.map((l) =>
      fc.record({
        list: fc.constant(l),
        f: valid ? validValue(inputType(l.filter)) : fc.oneof(invalidValue(inputType(l.filter)), validValue(inputType(l.filter))),
        o: valid ? fc.array(validOrderElement(inputType(l.order)), { maxLength: 3 }) : invalidValue(inputType(l.order)),
        limit: valid ? fc.integer({ min: 0, max: 100 }) : fc.integer({ min: -5, max: 200 }),
        offset: valid ? fc.integer({ min: 0, max: 20 }) : fc.integer({ min: -5, max: 2147483647 }),
      }),
    ),
  );

async function run(r: { list: (typeof LISTS)[number]; f: unknown; o: unknown; limit: number; offset: number }) {
  const started = Date.now();
  const res = await app.gql(query(r.list), { f: r.f, o: r.o, limit: r.limit, offset: r.offset });
  const text = JSON.stringify(res.body);
  expect(res.status).toBeLessThan(500);
  expect(text).not.toMatch(LEAK);
  expect(Date.now() - started).toBeLessThan(3000);
  const key = `${res.status} ${codesOf(res.body as never).join('+')}`;
  outcomes[key] = (outcomes[key] ?? 0) + 1;
  const total = (res.body.data as Record<string, { totalCount: number }> | null | undefined)?.[r.list.field]?.totalCount;
  if (total !== undefined) outcomes[total > 0 ? 'matched rows' : 'matched none'] = (outcomes[total > 0 ? 'matched rows' : 'matched none'] ?? 0) + 1;
  return { status: res.status, codes: codesOf(res.body as never), data: res.body.data };
}

beforeAll(async () => {
  app = await startTestApp();
  await loadQueryData(app);
  checksum = await databaseChecksum(app.pg);
});
afterAll(async () => {
  process.stdout.write(`\nFuzzed list requests by outcome: ${JSON.stringify(outcomes)}\n`);
  await app.close();
});

describe('fuzzed filter and orderBy inputs', () => {
  it('valid inputs are answered with data and no error', async () => {
    await fc.assert(
      fc.asyncProperty(requestOf(true), async (r) => {
        const out = await run(r);
        expect([out.status, out.codes]).toEqual([200, ['OK']]);
      }),
      { numRuns: 150, seed: 7 },
    );
    await expectStillServing(app, 5);
    expect(await databaseChecksum(app.pg)).toBe(checksum);
  }, 120000);

  it('broken inputs fail as BAD_USER_INPUT (or are harmlessly valid), never worse', async () => {
    await fc.assert(
      fc.asyncProperty(requestOf(false), async (r) => {
        const out = await run(r);
        expect([200, 400]).toContain(out.status);
        for (const code of out.codes) expect(['OK', 'BAD_USER_INPUT']).toContain(code);
      }),
      { numRuns: 200, seed: 11 },
    );
    await expectStillServing(app, 5);
    expect(await databaseChecksum(app.pg)).toBe(checksum);
  }, 120000);
});
