import type { Draft } from './helpers.js';
import { gql, OK, VAL } from './helpers.js';

const val = (name: string, query: string, variables?: Record<string, unknown>): Draft => gql(name, query, variables, VAL, { status: [400] });

/** Fields, arguments, types, directives and fragments the schema does not have. */
export function unknownFields(): Draft[] {
  return [
    val('unknown root field', '{ nope }'),
    val('unknown field on a type', '{ authors { nope } }'),
    val('a column that is not exposed', '{ authors { items { password_hash } } }'),
    val('unknown argument', '{ authors(nope: 1) { totalCount } }'),
    val('unknown filter field', '{ books(filter: { nope: { eq: 1 } }) { totalCount } }'),
    val('unknown filter operator', '{ books(filter: { title: { like: "x" } }) { totalCount } }'),
    val('operator of another scalar', '{ books(filter: { title: { gt: "x" } }) { totalCount } }'),
    val('unknown orderBy field', '{ books(orderBy: [{ nope: ASC }]) { totalCount } }'),
    val('unknown mutation', 'mutation { nope }'),
    val('unknown input field in a literal', 'mutation { createAuthor(input: { name: "n", email: "e@example.com", admin: true }) { id } }'),
    val('unknown directive', '{ authors { totalCount @nope } }'),
    val('directive without its argument', '{ authors { totalCount @skip } }'),
    val('fragment on an unknown type', '{ ... on Nope { id } }'),
    val('unknown fragment', '{ authors { ...F } }'),
    val('unused fragment', 'fragment F on Author { id } { authors { totalCount } }'),
    val('unknown field deep down', '{ book(id: 1) { author { books { items { nope } } } } }'),
    val('argument on a field that takes none', '{ authors { items { id(format: 1) } } }'),
    val('unused variable', 'query($unused: Int) { authors { totalCount } }'),
    val('undefined variable', '{ authors(filter: $f) { totalCount } }'),
    val('missing required argument', 'mutation { deleteBook }'),
    val('object field without a selection', '{ authors { items } }'),
    val('selection on a scalar', '{ authors { totalCount { x } } }'),
    val('subscription (the API has none)', 'subscription { authors { totalCount } }'),
    val('fragment on a type that cannot apply', '{ authors { items { ... on Store { name } } } }'),
    val('__typename on a scalar', '{ authors { totalCount { __typename } } }'),
    gql('unknown extra variables are ignored', '{ authors { totalCount } }', { extra: 1 }, OK),
    gql('introspection of one type (allowed in development)', '{ __type(name: "Book") { name } }', undefined, OK, { data: { __type: { name: 'Book' } } }),
  ];
}
