import type { Draft } from './helpers.js';
import { BUI, COUNT_AUTHORS, gql, OK, PARSE, raw, VAL } from './helpers.js';

// The security work adds depth, alias and cost limits: until it lands these are answered (OK);
// after it, QUERY_TOO_COMPLEX (400) is just as acceptable.
const LIMITED = ['OK', 'QUERY_TOO_COMPLEX'];
const LIMITED_STATUS = [200, 400];
const COUNT_BOOKS = 'query($f: BookFilter) { books(filter: $f) { totalCount } }';

function nestedAuthors(depth: number): string {
  let inner = 'id';
  // limit: 1 at every level keeps it one path deep; with fan-out, 30 levels took 16 s before any cost limit.
  for (let i = 0; i < depth; i++) inner = (depth - 1 - i) % 2 === 0 ? `books(limit: 1) { items { ${inner} } }` : `author { ${inner} }`;
  return `{ authors(limit: 1) { items { ${inner} } } }`;
}

/** Deep and wide documents and filters. */
export function deepAndWide(): Draft[] {
  const nots = (n: number) => `${'{ not: '.repeat(n)}{}${' }'.repeat(n)}`;
  const fragments = Array.from({ length: 200 }, (_, i) => `fragment F${i} on AuthorPage { ${i === 199 ? 'totalCount' : `...F${i + 1}`} }`).join(' ');
  return [
    gql('10 levels of author/books', nestedAuthors(10), undefined, LIMITED, { status: LIMITED_STATUS }),
    gql('30 levels of author/books', nestedAuthors(30), undefined, LIMITED, { status: LIMITED_STATUS }),
    gql('filter: 16 nested nots (the limit)', `{ books(filter: ${nots(16)}) { totalCount } }`, undefined, OK, { data: { books: { totalCount: 8 } } }),
    gql('filter: 17 nested nots', `{ books(filter: ${nots(17)}) { totalCount } }`, undefined, BUI),
    gql('filter: 100 nested nots', `{ books(filter: ${nots(100)}) { totalCount } }`, undefined, BUI),
    // Over GRAPHQL_MAX_TOKENS before its depth is ever looked at.
    gql('filter: 500 nested nots', `{ books(filter: ${nots(500)}) { totalCount } }`, undefined, ['QUERY_TOO_COMPLEX'], { status: [400] }),
    // Refused by the cost budget (each relation level doubles it) before the filter depth limit sees it.
    gql(
      'filter: 300 nested relation filters',
      `{ authors(filter: ${'{ books: { some: { author: '.repeat(150)}{}${' } } }'.repeat(150)}) { totalCount } }`,
      undefined,
      ['QUERY_TOO_COMPLEX'],
      { status: [400] },
    ),
    gql(
      'filter: and of 1,000 conditions',
      COUNT_BOOKS,
      { f: { and: Array.from({ length: 1000 }, (_, i) => ({ title: { ne: `t${i}` } })) } },
      [...LIMITED, 'BAD_USER_INPUT'],
      { status: LIMITED_STATUS },
    ),
    gql(
      'filter: or of 2,000 conditions',
      COUNT_BOOKS,
      { f: { or: Array.from({ length: 2000 }, (_, i) => ({ id: { eq: String(i + 1) } })) } },
      [...LIMITED, 'BAD_USER_INPUT'],
      { status: LIMITED_STATUS },
    ),
    gql('a chain of 200 fragments', `{ authors { ...F0 } } ${fragments}`, undefined, LIMITED, { status: LIMITED_STATUS }),
    gql('a fragment cycle', '{ authors { ...A } } fragment A on AuthorPage { ...B } fragment B on AuthorPage { ...A }', undefined, VAL, { status: [400] }),
    gql('500 copies of one field (merged)', `{ authors { ${'totalCount '.repeat(500)}} }`, undefined, LIMITED, { status: LIMITED_STATUS }),
    gql(
      '100 differently-argued lists',
      `{ ${Array.from({ length: 100 }, (_, i) => `l${i}: books(offset: ${i}, limit: 1) { items { id } }`).join(' ')} }`,
      undefined,
      LIMITED,
      { status: LIMITED_STATUS },
    ),
    gql('5,000 nested braces', `{${'{'.repeat(5000)}${'}'.repeat(5000)}}`, undefined, PARSE, { status: [400] }),
    gql('3,000 nested selections of an unknown field', `{ ${'a { '.repeat(3000)}b${' }'.repeat(3000)} }`, undefined, [...VAL, ...PARSE, 'QUERY_TOO_COMPLEX'], {
      status: [400],
    }),
    gql(
      'a list value nested 2,000 deep',
      `{ books(filter: { title: { in: ${'['.repeat(2000)}"x"${']'.repeat(2000)} } }) { totalCount } }`,
      undefined,
      [...VAL, ...PARSE],
      { status: [400] },
    ),
    raw(
      'a variable nested 5,000 lists deep',
      `{"query": "query($t: [String!]) { books(filter: { title: { in: $t } }) { totalCount } }", "variables": {"t": ${'['.repeat(5000)}"x"${']'.repeat(5000)}}}`,
      {},
      { status: [400], code: BUI },
    ),
  ];
}

/** 1,000 aliases of one field. */
export function aliases(): Draft[] {
  const many = (make: (i: number) => string) => Array.from({ length: 1000 }, (_, i) => make(i)).join(' ');
  // Over GRAPHQL_MAX_ALIASES (30; __typename aliases count too): refused before anything runs.
  const refused = { status: [400] };
  const TOO_COMPLEX = ['QUERY_TOO_COMPLEX'];
  return [
    gql('1,000 aliases of authors.totalCount', `{ ${many((i) => `a${i}: authors { totalCount }`)} }`, undefined, TOO_COMPLEX, refused),
    gql('1,000 aliases of book(id)', `{ ${many((i) => `b${i}: book(id: ${(i % 8) + 1}) { title }`)} }`, undefined, TOO_COMPLEX, refused),
    gql('1,000 aliases of __typename', `{ ${many((i) => `t${i}: __typename`)} }`, undefined, TOO_COMPLEX, refused),
    gql(
      '1,000 aliased createAuthor with a bad email',
      `mutation { ${many((i) => `c${i}: createAuthor(input: { name: "Alias ${i}", email: "not-an-email" }) { id }`)} }`,
      undefined,
      TOO_COMPLEX,
      refused,
    ),
  ];
}

/** The same field, argument, variable, operation or key given twice. */
export function duplicates(): Draft[] {
  const val = (name: string, query: string) => gql(name, query, undefined, VAL, { status: [400] });
  return [
    gql('the same field three times', '{ authors { totalCount totalCount totalCount } }', undefined, OK, { data: { authors: { totalCount: 5 } } }),
    gql('the same orderBy field twice', '{ books(orderBy: [{ title: ASC }, { title: DESC }], limit: 1) { items { id } } }', undefined, OK),
    val('an argument given twice', '{ authors(limit: 1, limit: 2) { totalCount } }'),
    val('an input field given twice', '{ books(filter: { title: { eq: "a" }, title: { eq: "b" } }) { totalCount } }'),
    val('an operator given twice', '{ books(filter: { title: { eq: "a", eq: "b" } }) { totalCount } }'),
    val('a variable defined twice', 'query($l: Int, $l: Int) { books(limit: $l) { totalCount } }'),
    val('two operations with one name', 'query A { authors { totalCount } } query A { stores { totalCount } }'),
    val('two fragments with one name', '{ authors { ...F } } fragment F on AuthorPage { totalCount } fragment F on AuthorPage { offset }'),
    val('one alias with different arguments', '{ a: authors(limit: 1) { totalCount } a: authors(limit: 2) { totalCount } }'),
    val('one alias for two fields', '{ x: authors { totalCount } x: stores { totalCount } }'),
    val('two anonymous operations', '{ authors { totalCount } } { stores { totalCount } }'),
    raw(
      'a JSON key given twice (the last wins)',
      `{"query": "{ nope }", "query": "${COUNT_AUTHORS}"}`,
      {},
      { status: [200], code: OK, data: { authors: { totalCount: 5 } } },
    ),
    raw(
      'two operations without an operationName',
      JSON.stringify({ query: 'query A { authors { totalCount } } query B { stores { totalCount } }' }),
      {},
      { status: [400], code: ['OPERATION_RESOLUTION_FAILURE'] },
    ),
    gql(
      'one bad mutation twice in a request',
      'mutation { a: createStore(input: { name: "" }) { id } b: createStore(input: { name: "" }) { id } }',
      undefined,
      BUI,
    ),
  ];
}

/** `in:` lists at, over and far over the 1,000-value limit. */
export function inLists(): Draft[] {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
  const count = (name: string, f: Record<string, unknown>, code: string[], n?: number) =>
    gql(name, COUNT_BOOKS, { f }, code, n === undefined ? {} : { data: { books: { totalCount: n } } });
  return [
    count('id in 1,000 ids', { id: { in: ids(1000) } }, OK, 8),
    count('id in 1,001 ids', { id: { in: ids(1001) } }, BUI),
    count('id notIn 1,001 ids', { id: { notIn: ids(1001) } }, BUI),
    count('publishedYear in 1,001 years', { publishedYear: { in: Array.from({ length: 1001 }, (_, i) => 1000 + i) } }, BUI),
    count('title in 1,001 titles', { title: { in: ids(1001) } }, BUI),
    count('id in 5,000 ids', { id: { in: ids(5000) } }, BUI),
    count('title in 1,000 titles of 200 characters', { title: { in: ids(1000).map((s) => s.padEnd(200, '.')) } }, OK, 0),
    count('author.books.some.id in 1,000 ids', { author: { books: { some: { id: { in: ids(1000) } } } } }, OK, 8),
    count('in 1,000 ids with one of them bad', { id: { in: [...ids(999), 'x'] } }, BUI),
    gql('id in 1,000 ids written in the document', `{ books(filter: { id: { in: [${ids(1000).join(', ')}] } }) { totalCount } }`, undefined, OK, {
      data: { books: { totalCount: 8 } },
    }),
    gql('id in 1,001 ids written in the document', `{ books(filter: { id: { in: [${ids(1001).join(', ')}] } }) { totalCount } }`, undefined, BUI),
  ];
}
