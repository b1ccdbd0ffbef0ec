import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { QueryLimits } from '../../src/config.js';
import { fragmentsOf, requestFigures } from '../../src/graphql/cost.js';
import { buildAppSchema } from '../../src/schema.js';

const schema = buildAppSchema();
const limits = { cost: 5000, nodes: 10000, filterList: 50, filterString: 500 } as QueryLimits;
function figures(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return requestFigures(schema, operation, fragmentsOf(document), variables, limits);
}
const FILTERED = 'query($f: BookFilter, $n: Int = 5) { books(filter: $f, limit: $n) { items { id author { name } } } }';
const terms = (n: number, text: string) => Array.from({ length: n }, () => ({ title: { contains: text } }));

describe('requestFigures (one walk: nodes and cost, from raw variables)', () => {
  it('reads raw variables with the operation defaults filled in', () => {
    // A text term: 200 + 2 per character (filter-cost.ts, calibrated on the volume data).
    expect(figures(FILTERED, { f: { or: terms(20, 'abcdefghij') } })).toEqual({ nodes: 1 + 5 + 5, cost: 1 + 20 * 220 });
    expect(figures(FILTERED, { f: { or: terms(2, 'ab') }, n: 100 })).toEqual({ nodes: 1 + 100 + 100, cost: 1 + 2 * 204 });
  });

  it('stops reading a filter that alone is over the budget: found is what it read, over the limit', () => {
    const huge = { or: Array.from({ length: 50 }, () => ({ or: terms(50, 'abcdefgh') })) }; // 2,500 x 216 = 540,001 in full
    const { cost } = figures(FILTERED, { f: huge })!;
    expect(cost).toBeGreaterThan(5000);
    expect(cost).toBeLessThan(5000 + 2 * 216);
  });

  it('a filter over its caps is BAD_USER_INPUT with the path; a missing @skip variable leaves the figures unknown', () => {
    expect(() => figures(FILTERED, { f: { or: terms(51, 'x') } })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
    expect(figures('query($s: Boolean!) { books @skip(if: $s) { totalCount } }')).toBeUndefined();
  });
});
