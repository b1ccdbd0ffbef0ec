import { BadUserInputError } from '../../src/errors.js';
import { filterToSql, MAX_FILTER_DEPTH } from '../../src/query/filters.js';
import { AuthorModel } from '../../src/query/model.js';

/** `{ books: { some: { author: ... } } }`, `hops` relations deep. */
function chain(hops: number): object {
  let filter: object = { name: { eq: 'x' } };
  for (let i = 0; i < hops; i++) filter = i % 2 === 0 ? { author: filter } : { books: { some: filter } };
  return hops % 2 === 0 ? filter : { books: { some: filter } };
}

describe('filter nesting', () => {
  it(`allows ${MAX_FILTER_DEPTH} levels of relations, and/or and not`, () => {
    expect(() => filterToSql(AuthorModel, 'a', chain(MAX_FILTER_DEPTH - 1))).not.toThrow();
    let nots: object = { name: { eq: 'x' } };
    for (let i = 0; i < MAX_FILTER_DEPTH; i++) nots = { not: nots };
    expect(() => filterToSql(AuthorModel, 'a', nots)).not.toThrow();
  });

  it('refuses deeper nesting with BAD_USER_INPUT (such filters kept PostgreSQL planning for seconds)', () => {
    let nots: object = { name: { eq: 'x' } };
    for (let i = 0; i <= MAX_FILTER_DEPTH; i++) nots = { not: nots };
    expect(() => filterToSql(AuthorModel, 'a', nots)).toThrow(BadUserInputError);
    expect(() => filterToSql(AuthorModel, 'a', chain(300))).toThrow(`nests deeper than ${MAX_FILTER_DEPTH} levels`);
  });
});
