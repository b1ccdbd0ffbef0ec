import type { Draft } from './helpers.js';
import { ALL_BOOKS, BOOKS_BY_FILTER, BR, BUI, gql, items, OK, VAL } from './helpers.js';

const CREATE_AUTHOR = 'mutation($i: CreateAuthorInput!) { createAuthor(input: $i) { id } }';
const UPDATE_BOOK = 'mutation($i: UpdateBookInput!) { updateBook(id: 1, input: $i) { id } }';
const ORDER = 'query($o: [BookOrderBy!]) { books(orderBy: $o) { totalCount } }';

/** Empty and null in every place that takes a value. */
export function emptiesAndNulls(): Draft[] {
  const books = (name: string, f: unknown, ids: number[]) => gql(name, BOOKS_BY_FILTER, { f }, OK, { data: items('books', ids) });
  const bui = (name: string, query: string, variables?: Record<string, unknown>) => gql(name, query, variables, BUI);
  return [
    books('filter {}', {}, ALL_BOOKS),
    books('filter null', null, ALL_BOOKS),
    books('title {}', { title: {} }, ALL_BOOKS),
    books('and []', { and: [] }, ALL_BOOKS),
    books('or []', { or: [] }, []),
    books('not {}', { not: {} }, []),
    books('title in []', { title: { in: [] } }, []),
    books('title notIn []', { title: { notIn: [] } }, ALL_BOOKS),
    books('author {}', { author: {} }, ALL_BOOKS),
    books('stores {}', { stores: {} }, ALL_BOOKS),
    books('stores some {}', { stores: { some: {} } }, [1, 2, 3, 4, 5, 6, 7]),
    books('stores none {}', { stores: { none: {} } }, [8]),
    books('isbn isNull null (ignored)', { isbn: { isNull: null } }, ALL_BOOKS),
    books('contains ""', { title: { contains: '' } }, ALL_BOOKS),
    books('eq ""', { title: { eq: '' } }, []),
    gql('orderBy []', ORDER, { o: [] }, OK),
    gql('orderBy null', ORDER, { o: null }, OK),
    bui('orderBy [{}]', ORDER, { o: [{}] }),
    bui('orderBy with two fields in one element', ORDER, { o: [{ title: 'ASC', id: 'DESC' }] }),
    bui('orderBy author {}', ORDER, { o: [{ author: {} }] }),
    bui('title eq null', BOOKS_BY_FILTER, { f: { title: { eq: null } } }),
    bui('publishedYear lt null (literal)', '{ books(filter: { publishedYear: { lt: null } }) { totalCount } }'),
    gql('limit null (explicit: the default applies)', '{ books(limit: null) { totalCount } }', undefined, OK),
    gql('createAuthor input {} (literal)', 'mutation { createAuthor(input: {}) { id } }', undefined, VAL, { status: [400] }),
    bui('createAuthor name ""', CREATE_AUTHOR, { i: { name: '', email: 'empty@example.com' } }),
    bui('createAuthor name of spaces', CREATE_AUTHOR, { i: { name: '   ', email: 'spaces@example.com' } }),
    bui('createAuthor email ""', CREATE_AUTHOR, { i: { name: 'No Email', email: '' } }),
    bui('createStore name ""', 'mutation { createStore(input: { name: "" }) { id } }'),
    bui('updateBook title null', UPDATE_BOOK, { i: { title: null } }),
    bui('updateBook authorId null', UPDATE_BOOK, { i: { authorId: null } }),
    bui('updateBook isbn of spaces', UPDATE_BOOK, { i: { isbn: '   ' } }),
    bui('updateAuthor email null', 'mutation { updateAuthor(id: 1, input: { email: null }) { id } }'),
    bui('book id ""', 'query($id: ID!) { book(id: $id) { id } }', { id: '' }),
    gql('query ""', '', undefined, BR, { status: [400] }),
    gql('query of whitespace', '   ', undefined, ['GRAPHQL_PARSE_FAILED'], { status: [400] }),
    gql('a document with only a comment', '# nothing', undefined, ['GRAPHQL_PARSE_FAILED'], { status: [400] }),
    gql('an empty selection', '{ }', undefined, ['GRAPHQL_PARSE_FAILED'], { status: [400] }),
  ];
}
