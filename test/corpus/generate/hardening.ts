import { BUI, gql, raw, type Draft } from './helpers.js';

// Issue 13 items 1, 2 and 5 (README "Limits and admission"): each finding with its one answer.
const TOO_COMPLEX = ['QUERY_TOO_COMPLEX'];
const COUNT_BOOKS = 'query($f: BookFilter) { books(filter: $f) { totalCount } }';
const contains = (n: number, length: number) => Array.from({ length: n }, (_, i) => ({ title: { contains: `${i}`.padEnd(length, 'z') } }));
const nested = (levels: number): unknown => (levels === 0 ? {} : { not: nested(levels - 1) });

export function hardening(): Draft[] {
  const padded = (bytes: number) => `#${'x'.repeat(bytes - 26)}\n{ books { totalCount } }`;
  return [
    raw(
      'query text of 64 KB + 1 byte, graphql-response+json',
      JSON.stringify({ query: padded(65537) }),
      { headers: { accept: 'application/graphql-response+json' } },
      { status: [400], code: TOO_COMPLEX },
    ),
    gql('query text of 64 KB + 1 byte', padded(65537), undefined, TOO_COMPLEX, { status: [400] }),
    gql('query text of exactly 64 KB', padded(65536), undefined, ['OK'], { status: [200], data: { books: { totalCount: 8 } } }),
    gql('variables nested 1,000 levels (not filter)', COUNT_BOOKS, { f: nested(1000) }, BUI, { status: [400] }),
    gql('unused variable nested 65 levels', COUNT_BOOKS, { f: {}, unused: nested(65) }, BUI, { status: [400] }),
    gql('or of 500 contains (issue 13 finding 2)', COUNT_BOOKS, { f: { or: contains(500, 40) } }, BUI, { status: [400] }),
    gql('and of 51 conditions', COUNT_BOOKS, { f: { and: contains(51, 3) } }, BUI, { status: [400] }),
    gql('contains of 10,000 characters', COUNT_BOOKS, { f: { title: { contains: 'x'.repeat(10000) } } }, BUI, { status: [400] }),
    gql('in list holding a 501-character string', COUNT_BOOKS, { f: { isbn: { in: ['1', 'y'.repeat(501)] } } }, BUI, { status: [400] }),
    gql(
      'or of 50 x or of 50 contains: over the cost budget',
      COUNT_BOOKS,
      { f: { or: Array.from({ length: 50 }, () => ({ or: contains(50, 8) })) } },
      TOO_COMPLEX,
      { status: [400] },
    ),
    gql(
      'contains under 100 authors: over the cost budget',
      `{ authors(limit: 100) { items { books(filter: { title: { contains: "abcdefghijklmnopqrstuvwxyzabcdefghijklmn" } }) { totalCount } } } }`,
      undefined,
      TOO_COMPLEX,
      { status: [400] },
    ),
  ];
}
