import type { Draft } from './helpers.js';
import { ALL_BOOKS, BOOKS_BY_FILTER, COUNT_AUTHORS, items } from './helpers.js';

type Role = NonNullable<Draft['as']>;

const entry = (as: Role, name: string, query: string, variables: Record<string, unknown> | undefined, expect: Draft['expect']): Draft => ({
  name: `as ${as === 'EDITOR' ? 'an EDITOR' : 'anonymous'}: ${name}`,
  as,
  body: variables === undefined ? { query } : { query, variables },
  expect,
});

const BAD_AUTHOR = 'mutation { createAuthor(input: { name: "", email: "not-an-email" }) { id } }';
const NEW_USER = 'mutation { createUser(input: { email: "corpus-user@example.com", password: "long-enough-1", role: ADMIN }) { id } }';

/** The same bad inputs from the other roles: public reads answer alike, guarded operations are refused first. */
export function roles(): Draft[] {
  return (['ANONYMOUS', 'EDITOR'] as const).flatMap((as): Draft[] => {
    const refused = as === 'EDITOR' ? 'FORBIDDEN' : 'UNAUTHENTICATED';
    return [
      entry(as, 'a public count', COUNT_AUTHORS, undefined, { status: [200], code: ['OK'], data: { authors: { totalCount: 5 } } }),
      entry(
        as,
        'LIKE metacharacters in a filter',
        BOOKS_BY_FILTER,
        { f: { title: { contains: "%_\\' OR 1=1 --" } } },
        { status: [200], code: ['OK'], data: items('books', []) },
      ),
      entry(as, 'an empty filter', BOOKS_BY_FILTER, { f: {} }, { status: [200], code: ['OK'], data: items('books', ALL_BOOKS) }),
      entry(as, 'an unknown field', '{ authors { password } }', undefined, { status: [400], code: ['GRAPHQL_VALIDATION_FAILED'] }),
      entry(as, 'a bad book id', '{ book(id: "abc") { title } }', undefined, { status: [200], code: ['BAD_USER_INPUT'], path: 'id' }),
      entry(
        as,
        'createAuthor with an empty name and a bad email',
        BAD_AUTHOR,
        undefined,
        as === 'EDITOR' ? { status: [200], code: ['BAD_USER_INPUT'], path: 'input.name' } : { status: [200], code: ['UNAUTHENTICATED'] },
      ),
      entry(as, 'createUser', NEW_USER, undefined, { status: [200], code: [refused] }),
      entry(as, 'auditLog', '{ auditLog { totalCount } }', undefined, { status: [200], code: [refused] }),
      entry(as, 'deleteUser', 'mutation { deleteUser(id: "1") }', undefined, { status: [200], code: [refused] }),
      entry(as, 'updateUserRole', 'mutation { updateUserRole(id: "1", role: EDITOR) { id } }', undefined, { status: [200], code: [refused] }),
    ];
  });
}
