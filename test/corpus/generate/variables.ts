import type { Draft } from './helpers.js';
import { BUI, gql, OK, VAL } from './helpers.js';

// graphql-js refuses a variable of the wrong type before any resolver runs: HTTP 400, BAD_USER_INPUT.
const bad = (name: string, query: string, variables: Record<string, unknown>): Draft => gql(name, query, variables, BUI, { status: [400] });

const LIMIT = 'query($l: Int) { books(limit: $l) { totalCount } }';
const BOOK = 'query($id: ID!) { book(id: $id) { id } }';
const FILTER = 'query($f: BookFilter) { books(filter: $f) { totalCount } }';
const ORDER = 'query($o: [BookOrderBy!]) { books(orderBy: $o) { totalCount } }';
const CREATE_AUTHOR = 'mutation($i: CreateAuthorInput!) { createAuthor(input: $i) { id } }';
const SET_STOCK = 'mutation($s: ID!, $b: ID!, $q: Int!) { setStock(storeId: $s, bookId: $b, quantity: $q) { quantity } }';

export function variableTypes(): Draft[] {
  return [
    ...(['ten', 1.5, true, [], {}, '1', 2147483648, -2147483649, 1e100] as unknown[]).map((l) => bad(`limit ${JSON.stringify(l)}`, LIMIT, { l })),
    ...([{}, [], true, null, 1.5] as unknown[]).map((id) => bad(`book id ${JSON.stringify(id)}`, BOOK, { id })),
    bad('book id missing', BOOK, {}),
    ...(
      [
        'title',
        5,
        [],
        { title: 'x' },
        { title: { eq: 5 } },
        { title: { eq: ['a', 'b'] } },
        { publishedYear: { eq: '1999' } },
        { publishedYear: { in: [1999, 'x'] } },
        { price: { gt: 'cheap' } },
        { createdAt: { gt: 'yesterday' } },
        { createdAt: { gt: 0 } },
        { createdAt: { gt: '2020-13-45T99:99:99Z' } },
        { title: { isNull: 'yes' } },
        { author: 'Alice' },
        { stores: { some: [] } },
        { and: 'x' },
        { not: [] },
        { title: { eq: 'x', bogus: 1 } },
      ] as unknown[]
    ).map((f) => bad(`filter ${JSON.stringify(f)}`, FILTER, { f })),
    gql('a single id where a list is expected is coerced to a list', FILTER, { f: { id: { in: '1' } } }, OK, { data: { books: { totalCount: 1 } } }),
    ...([[{ title: 'UP' }], [{ title: 'asc' }], [null], 'title', [{ title: 1 }], [{ author: 'ASC' }]] as unknown[]).map((o) =>
      bad(`orderBy ${JSON.stringify(o)}`, ORDER, { o }),
    ),
    ...(
      [
        'x',
        [],
        null,
        { name: 5, email: 'five@example.com' },
        { name: 'No Email' },
        { name: 'Extra', email: 'extra@example.com', admin: true },
        { name: ['List'], email: 'list@example.com' },
        { name: { first: 'Obj' }, email: 'obj@example.com' },
      ] as unknown[]
    ).map((i) => bad(`createAuthor input ${JSON.stringify(i)}`, CREATE_AUTHOR, { i })),
    ...(['5', 5.5, null, 2147483648] as unknown[]).map((q) => bad(`setStock quantity ${JSON.stringify(q)}`, SET_STOCK, { s: '1', b: '1', q })),
    gql('variable declared with an unknown type', 'query($f: Nope) { books { totalCount } }', { f: 1 }, VAL, { status: [400] }),
    gql('variable of an output type', 'query($b: Book) { books { totalCount } }', {}, VAL, { status: [400] }),
    gql('nullable variable in a non-null position', 'query($id: ID) { book(id: $id) { id } }', { id: '1' }, VAL, { status: [400] }),
  ];
}
