import type { Draft } from './helpers.js';
import { BUI, gql, OK, PARSE, VAL } from './helpers.js';

const COUNT_BOOKS = 'query($f: BookFilter) { books(filter: $f) { totalCount } }';
const BOOK = 'query($id: ID!) { book(id: $id) { id } }';
const CREATE_BOOK = 'mutation($i: CreateBookInput!) { createBook(input: $i) { id } }';
const SET_STOCK = 'mutation($s: ID!, $b: ID!, $q: Int!) { setStock(storeId: $s, bookId: $b, quantity: $q) { quantity } }';
const ADJUST = 'mutation($s: ID!, $b: ID!, $d: Int!) { adjustStock(storeId: $s, bookId: $b, delta: $d) { quantity } }';

/** Negative, huge, fractional, non-finite and non-decimal numbers and ids. */
export function numbers(): Draft[] {
  const bui = (name: string, query: string, variables?: Record<string, unknown>) => gql(name, query, variables, BUI);
  const lit = (name: string, query: string, code: string[]) => gql(name, query, undefined, code, code === OK ? {} : { status: [400] });
  const count = (name: string, f: Record<string, unknown>, n: number) => gql(name, COUNT_BOOKS, { f }, OK, { data: { books: { totalCount: n } } });
  return [
    bui('limit -1', '{ books(limit: -1) { totalCount } }'),
    bui('limit 101', '{ books(limit: 101) { totalCount } }'),
    bui('limit -2147483648', '{ books(limit: -2147483648) { totalCount } }'),
    bui('offset -1', '{ books(offset: -1) { totalCount } }'),
    bui('nested list limit -5', '{ authors { items { books(limit: -5) { totalCount } } } }'),
    lit('limit 0', '{ books(limit: 0) { items { id } } }', OK),
    lit('offset 2147483647', '{ books(offset: 2147483647) { items { id } } }', OK),
    lit('limit 2147483648 (past Int)', '{ books(limit: 2147483648) { totalCount } }', VAL),
    lit('limit 1.0', '{ books(limit: 1.0) { totalCount } }', VAL),
    lit('limit 1e3', '{ books(limit: 1e3) { totalCount } }', VAL),
    lit('publishedYear gt 2147483648', '{ books(filter: { publishedYear: { gt: 2147483648 } }) { totalCount } }', VAL),
    lit('price gt NaN (an enum-like name)', '{ books(filter: { price: { gt: NaN } }) { totalCount } }', VAL),
    lit('price gt Infinity', '{ books(filter: { price: { gt: Infinity } }) { totalCount } }', VAL),
    lit('price gt a hex number', '{ books(filter: { price: { gt: 0x10 } }) { totalCount } }', PARSE),
    lit('price gt 1. (no fraction digits)', '{ books(filter: { price: { gt: 1. } }) { totalCount } }', PARSE),
    lit('price gt --1', '{ books(filter: { price: { gt: --1 } }) { totalCount } }', PARSE),
    bui('price gt 1e400 (infinite literal)', '{ books(filter: { price: { gt: 1e400 } }) { totalCount } }'),
    bui('price lt -1e400', '{ books(filter: { price: { lt: -1e400 } }) { totalCount } }'),
    count('price gt 1e308', { price: { gt: 1e308 } }, 0),
    count('price gt -1e308', { price: { gt: -1e308 } }, 7),
    count('price eq -0', { price: { eq: -0 } }, 0),
    count('price gt 5e-324', { price: { gt: 5e-324 } }, 7),
    count('publishedYear lt -2147483648', { publishedYear: { lt: -2147483648 } }, 0),
    count('publishedYear gte 2147483647', { publishedYear: { gte: 2147483647 } }, 0),
    ...['-1', '0', '1e3', '0x10', '9999999999', '2147483648', '1.5', 'NaN', 'Infinity', '+1', '١'].map((id) => bui(`book id "${id}"`, BOOK, { id })),
    bui('id filter eq "-5"', COUNT_BOOKS, { f: { id: { eq: '-5' } } }),
    bui('id filter in ["1", "abc"]', COUNT_BOOKS, { f: { id: { in: ['1', 'abc'] } } }),
    bui('id filter eq 1e21 (as a number)', COUNT_BOOKS, { f: { id: { eq: 1e21 } } }),
    bui('createBook price -0.01', CREATE_BOOK, { i: { title: 'Negative', authorId: '1', price: -0.01 } }),
    bui('createBook price 1e8', CREATE_BOOK, { i: { title: 'Dear', authorId: '1', price: 1e8 } }),
    bui('createBook price 1.7976931348623157e308', CREATE_BOOK, { i: { title: 'Dearest', authorId: '1', price: 1.7976931348623157e308 } }),
    bui('createBook publishedYear 999', CREATE_BOOK, { i: { title: 'Old', authorId: '1', publishedYear: 999 } }),
    bui('createBook publishedYear -2147483648', CREATE_BOOK, { i: { title: 'Older', authorId: '1', publishedYear: -2147483648 } }),
    bui('createBook for author id 0', CREATE_BOOK, { i: { title: 'Nobody', authorId: '0' } }),
    bui('createBook for an author that does not exist', CREATE_BOOK, { i: { title: 'Ghost', authorId: '2147483647' } }),
    bui('setStock quantity -1', SET_STOCK, { s: '1', b: '1', q: -1 }),
    bui('setStock quantity -2147483648', SET_STOCK, { s: '1', b: '1', q: -2147483648 }),
    bui('adjustStock past the Int range', ADJUST, { s: '1', b: '1', d: 2147483647 }),
    gql('adjustStock -2147483648 (below 0)', ADJUST, { s: '1', b: '1', d: -2147483648 }, ['CONFLICT']),
    gql('adjustStock on a book that does not exist', ADJUST, { s: '1', b: '2147483647', d: 0 }, ['NOT_FOUND']),
    gql('updateBook on an id that does not exist', 'mutation { updateBook(id: 999999, input: { price: 1 }) { id } }', undefined, ['NOT_FOUND']),
    gql('deleteBook on the largest id', 'mutation { deleteBook(id: "2147483647") }', undefined, ['NOT_FOUND']),
    gql('deleteAuthor who still has books', 'mutation { deleteAuthor(id: 1) }', undefined, ['CONFLICT']),
  ];
}
