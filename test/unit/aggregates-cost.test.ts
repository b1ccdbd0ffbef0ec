import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { QueryLimits } from '../../src/config.js';
import { fragmentsOf, requestFigures } from '../../src/graphql/cost.js';
import { COST } from '../../src/graphql/filter-cost.js';
import { buildAppSchema } from '../../src/schema.js';

// An aggregate field costs what a list with the same filter costs (it runs the filter once per
// parent), and counts as one object, not a page of them.
const schema = buildAppSchema();
const limits = { cost: 5000, nodes: 10000, filterList: 50, filterString: 500 } as QueryLimits;
function figures(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return requestFigures(schema, operation, fragmentsOf(document), {}, limits);
}
const FILTER = '{ title: { contains: "abcd" } }';
const F = COST.textTerm + 4 * COST.textChar; // the filter's own cost, whatever the weights

test('booksAggregate costs what books(limit: 0) with the same filter costs', () => {
  expect(figures(`{ booksAggregate(filter: ${FILTER}) { count sum { price } } }`)).toEqual({ nodes: 1 + 1, cost: 1 + F });
  expect(figures(`{ books(filter: ${FILTER}, limit: 0) { totalCount } }`)!.cost).toBe(1 + F);
});

test('a per-parent aggregate runs once per parent; a group-by is a page of groups', () => {
  expect(figures(`{ authors(limit: 10) { items { booksAggregate(filter: ${FILTER}) { count } } } }`)).toEqual({ nodes: 1 + 10 + 10, cost: 1 + 10 * (1 + F) });
  expect(figures(`{ booksGroupBy(groupBy: [AUTHOR_ID], filter: ${FILTER}, limit: 30) { key { authorId } count } }`)).toEqual({
    nodes: 1 + 30,
    cost: 1 + F,
  });
});
