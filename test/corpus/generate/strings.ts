import type { Draft } from './helpers.js';
import { ALL_BOOKS, AUTHORS_BY_FILTER, BOOKS_BY_FILTER, BR, BUI, COUNT_AUTHORS, gql, items, OK, PARSE, raw, STORES_BY_FILTER, VAL } from './helpers.js';

const CREATE_AUTHOR = 'mutation($i: CreateAuthorInput!) { createAuthor(input: $i) { id } }';
const UPDATE_AUTHOR = 'mutation($id: ID!, $i: UpdateAuthorInput!) { updateAuthor(id: $id, input: $i) { id } }';
const CREATE_BOOK = 'mutation($i: CreateBookInput!) { createBook(input: $i) { id } }';
const CREATE_STORE = 'mutation($i: CreateStoreInput!) { createStore(input: $i) { id } }';
const COUNT_BOOKS = 'query($f: BookFilter) { books(filter: $f) { totalCount } }';
const x = (n: number, c = 'x') => c.repeat(n);
const none = (key = 'books') => ({ data: items(key, []) });

/** Strings of 10,000 characters and more, in inputs, filters, ids and the document itself. */
export function hugeStrings(): Draft[] {
  const bui = (name: string, query: string, variables: Record<string, unknown>) => gql(name, query, variables, BUI);
  return [
    bui('author name of 10,001 characters', CREATE_AUTHOR, { i: { name: x(10001), email: 'long@example.com' } }),
    bui('author name of 30,000 characters', CREATE_AUTHOR, { i: { name: x(30000), email: 'longer@example.com' } }),
    bui('email of 10,000 characters', CREATE_AUTHOR, { i: { name: 'Long Email', email: `${x(9988)}@example.com` } }),
    bui('bio of 10,001 characters', CREATE_AUTHOR, { i: { name: 'Long Bio', email: 'bio@example.com', bio: x(10001) } }),
    bui('bio of 10,001 emoji', CREATE_AUTHOR, { i: { name: 'Emoji Bio', email: 'emoji@example.com', bio: x(10001, '📚') } }),
    bui('update with a name of 20,000 characters', UPDATE_AUTHOR, { id: '1', i: { name: x(20000) } }),
    bui('store name of 50,000 characters', CREATE_STORE, { i: { name: x(50000) } }),
    bui('book title of 10,000 characters', CREATE_BOOK, { i: { title: x(10000), authorId: '1' } }),
    bui('isbn of 10,000 digits', CREATE_BOOK, { i: { title: 'Long ISBN', authorId: '1', isbn: x(10000, '9') } }),
    bui('book id of 10,000 digits', 'query($id: ID!) { book(id: $id) { id } }', { id: x(10000, '9') }),
    bui('contains 10,000 characters', COUNT_BOOKS, { f: { title: { contains: x(10000) } } }), // over GRAPHQL_MAX_FILTER_STRING
    bui('startsWith 30,000 characters', COUNT_BOOKS, { f: { title: { startsWith: x(30000) } } }),
    bui('endsWith 10,001 euro signs', COUNT_BOOKS, { f: { title: { endsWith: x(10001, '€') } } }),
    bui('eq 50,000 characters', COUNT_BOOKS, { f: { title: { eq: x(50000) } } }),
    bui('in: ten strings of 10,000 characters', COUNT_BOOKS, { f: { title: { in: Array.from({ length: 10 }, (_, i) => x(10000, String(i))) } } }),
    gql('a field name of 20,000 characters', `{ authors { ${x(20000, 'f')} } }`, undefined, VAL, { status: [400] }),
    gql('a comment of 50,000 characters', `# ${x(50000)}\n${COUNT_AUTHORS}`, undefined, OK),
    gql('a string literal of 30,000 characters', `{ books(filter: { title: { contains: "${x(30000)}" } }) { totalCount } }`, undefined, BUI),
    gql('a variable name of 10,000 characters', `query($${x(10000, 'v')}: Int) { books(limit: $${x(10000, 'v')}) { totalCount } }`, {}, OK),
    gql('an alias of 10,000 characters', `{ ${x(10000, 'a')}: authors { totalCount } }`, undefined, OK),
    raw(
      'an operationName of 10,000 characters that matches nothing',
      JSON.stringify({ query: COUNT_AUTHORS, operationName: x(10000, 'o') }),
      {},
      { status: [400], code: ['OPERATION_RESOLUTION_FAILURE'] },
    ),
    raw(
      'an x-request-id of 10,000 characters (ignored)',
      JSON.stringify({ query: COUNT_AUTHORS }),
      { headers: { 'x-request-id': x(10000, 'r') } },
      { status: [200], code: OK },
    ),
  ];
}

/** Control characters, odd Unicode and bytes that are not UTF-8. */
export function controlCharacters(): Draft[] {
  const nul = (name: string, query: string, variables?: Record<string, unknown>) => gql(name, query, variables, BUI, { status: [400] });
  const count = (title: string) => JSON.stringify({ query: COUNT_BOOKS, variables: { f: { title: { contains: title } } } });
  const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
  const okBytes = (name: string, body: Buffer) => raw(name, body, {}, { status: [200], code: OK });
  const noneFound = (name: string, title: string) => gql(name, BOOKS_BY_FILTER, { f: { title: { contains: title } } }, OK, none());
  const countPrefix = '{"query":"{ books(filter: { title: { contains: \\"';
  const countSuffix = '\\" } }) { totalCount } }"}';
  return [
    nul('NUL in a createAuthor variable', CREATE_AUTHOR, { i: { name: 'a\u0000b', email: 'nul@example.com' } }),
    nul('NUL in a filter variable', COUNT_BOOKS, { f: { title: { contains: '\u0000' } } }),
    nul('NUL in an in: list', COUNT_BOOKS, { f: { title: { in: ['ok', 'bad\u0000'] } } }),
    nul('NUL escaped in a string literal', '{ books(filter: { title: { eq: "a\\u0000b" } }) { totalCount } }'),
    nul('NUL in an id', 'query($id: ID!) { book(id: $id) { id } }', { id: '1\u0000' }),
    nul('NUL in an updateBook title', 'mutation($i: UpdateBookInput!) { updateBook(id: 1, input: $i) { id } }', { i: { title: 'Evil\u0000' } }),
    noneFound('C0 control characters in a filter', '\u0001\u0002\u0007\u001b\u001f'),
    noneFound('DEL and C1 controls', '\u007f\u0085\u009f'),
    noneFound('a lone high surrogate', '\ud800'),
    noneFound('a lone low surrogate', '\udfff'),
    noneFound('right-to-left override', '\u202eelprup'),
    noneFound('zero-width joiners', 'Pur\u200de'),
    noneFound('a noncharacter', '\uffff'),
    gql('emoji and combining marks', BOOKS_BY_FILTER, { f: { title: { contains: 'e\u0301📚' } } }, OK, none()),
    gql('a tab inside a document string is allowed', '{ books(filter: { title: { contains: "\t" } }) { totalCount } }', undefined, OK),
    gql(
      'a raw control character inside a document string (graphql-js 16 allows it)',
      '{ books(filter: { title: { contains: "\u0001" } }) { totalCount } }',
      undefined,
      OK,
      { data: { books: { totalCount: 0 } } },
    ),
    gql('a raw NUL in the document', '{ authors\u0000 { totalCount } }', undefined, PARSE, { status: [400] }),
    gql('a form feed outside strings', '{ authors\f { totalCount } }', undefined, PARSE, { status: [400] }),
    okBytes('invalid UTF-8 inside a JSON string (C3 28 FF)', bytes(countPrefix, [0xc3, 0x28, 0xff], countSuffix)),
    okBytes('an overlong encoding of "/" (C0 AF)', bytes(countPrefix, [0xc0, 0xaf], countSuffix)),
    okBytes('a Latin-1 byte (E9) inside a string', bytes(countPrefix, [0xe9], countSuffix)),
    okBytes('a truncated 4-byte sequence', bytes(countPrefix, [0xf0, 0x9f, 0x93], countSuffix)),
    okBytes('a UTF-16 surrogate encoded as UTF-8 (ED A0 80)', bytes(countPrefix, [0xed, 0xa0, 0x80], countSuffix)),
    raw('invalid UTF-8 in a field name', bytes('{"query":"{ authors { total', [0xff], 'Count } }"}'), {}, { status: [400], code: PARSE }),
    raw('bytes FF FE before the JSON', bytes([0xff, 0xfe], count('x')), {}, { status: [400], code: BR }),
    raw('the body in UTF-16LE', Buffer.from(count('x'), 'utf16le'), {}, { status: [400], code: BR }),
    raw('a raw NUL byte inside a JSON string', bytes(countPrefix, [0x00], countSuffix), {}, { status: [400], code: BR }),
    raw('a raw control byte inside a JSON string', bytes(countPrefix, [0x07], countSuffix), {}, { status: [400], code: BR }),
    raw('random bytes', Buffer.from([0x8f, 0x00, 0xff, 0x13, 0x37, 0xc0, 0x80, 0xfe, 0x01, 0x7b]), {}, { status: [400], code: BR }),
  ];
}

/** SQL and LIKE metacharacters in filters: they must match literally and never reach the SQL text. */
export function sqlAndLike(): Draft[] {
  const books = (name: string, f: Record<string, unknown>, ids: number[]) => gql(name, BOOKS_BY_FILTER, { f }, OK, { data: items('books', ids) });
  const authors = (name: string, f: Record<string, unknown>, ids: number[]) => gql(name, AUTHORS_BY_FILTER, { f }, OK, { data: items('authors', ids) });
  const stores = (name: string, f: Record<string, unknown>, ids: number[]) => gql(name, STORES_BY_FILTER, { f }, OK, { data: items('stores', ids) });
  const title = (op: string, value: unknown, ids: number[]) => books(`title ${op} ${JSON.stringify(value)}`, { title: { [op]: value } }, ids);
  return [
    title('contains', '%', [7]),
    title('contains', '_', [7]),
    title('contains', '\\', []),
    title('contains', '%%', []),
    title('contains', '0%', [7]),
    title('contains', '_C', [7]),
    title('contains', 'PURE_', [7]),
    title('contains', '\\%', []),
    title('contains', '\\_', []),
    title('contains', '%_%', []),
    title('startsWith', '%', []),
    title('startsWith', '_', []),
    title('startsWith', '100%', [7]),
    title('endsWith', '_Code', [7]),
    title('endsWith', '%', []),
    title('contains', '&', [8]),
    title('contains', "'", []),
    title('contains', "''", []),
    title('contains', '"', []),
    title('contains', "' OR '1'='1", []),
    title('contains', "'; DROP TABLE book; --", []),
    title('eq', "' OR 1=1 --", []),
    title('eq', '1; DELETE FROM author', []),
    title('in', ["' OR 1=1 --", 'Meridian', '%'], [2]),
    title('notIn', ['%', '_', "'"], ALL_BOOKS),
    title('contains', '[a-z]', []),
    title('contains', '.*', []),
    title('contains', '$1', []),
    title('contains', '?', []),
    title('contains', '*', []),
    title('contains', '/*', []),
    title('contains', '--', []),
    title('contains', ';', []),
    title('contains', "E'\\x41'", []),
    title('contains', '$$; SELECT pg_sleep(10); $$', []),
    books('isbn startsWith "978%"', { isbn: { startsWith: '978%' } }, []),
    authors('email contains "_"', { email: { contains: '_' } }, [4]),
    authors('email contains "%50"', { email: { contains: '%50' } }, [4]),
    authors('email startsWith "dan_"', { email: { startsWith: 'dan_' } }, [4]),
    authors('email startsWith "dan%"', { email: { startsWith: 'dan%' } }, []),
    authors('bio contains a backslash', { bio: { contains: '\\' } }, [4]),
    authors('bio contains "\\with"', { bio: { contains: '\\with' } }, [4]),
    authors('bio contains "\\\\" (two backslashes)', { bio: { contains: '\\\\' } }, []),
    authors('name contains "_"', { name: { contains: '_' } }, []),
    authors('a relation filter with metacharacters', { books: { some: { title: { contains: '%' } } } }, [4]),
    stores('name contains "%"', { name: { contains: '%' } }, []),
    stores('city contains a quote', { city: { contains: "'" } }, []),
    gql('an enum value carrying SQL', '{ books(orderBy: [{ title: "ASC; DROP TABLE book" }]) { totalCount } }', undefined, VAL, { status: [400] }),
    gql('a document string literal with quotes and backslashes', '{ books(filter: { title: { contains: "\\\\%\'\\"" } }) { totalCount } }', undefined, OK, {
      data: { books: { totalCount: 0 } },
    }),
  ];
}
