import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { countNodes } from '../../src/graphql/node-count.js';
import { buildAppSchema } from '../../src/schema.js';

function count(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return countNodes(buildAppSchema(), document, operation, variables);
}

describe('countNodes', () => {
  it('counts a page once and multiplies what is under it by its limit', () => {
    expect(count('{ authors(limit: 10) { totalCount items { name } } }')).toBe(1 + 10);
    expect(count('{ authors { items { name } } }')).toBe(1 + 20);
    expect(count('{ books(limit: 5) { items { author { name } stores(limit: 3) { items { name } } } } }')).toBe(1 + 5 + 5 + 5 + 15);
  });

  it('counts named and inline fragments where they are spread', () => {
    const query = `
      query { books(limit: 4) { items { ...B } } }
      fragment B on Book { author { name } ... on Book { stores(limit: 2) { items { name } } } }`;
    expect(count(query)).toBe(1 + 4 + 4 + 4 + 8);
  });

  it('reads variables, then variable defaults, then the schema default; out-of-range limits count as 0..100', () => {
    const query = 'query($n: Int = 7) { authors(limit: $n) { items { id } } }';
    expect(count(query, { n: 3 })).toBe(1 + 3);
    expect(count(query)).toBe(1 + 7);
    expect(count('query($n: Int) { authors(limit: $n) { items { id } } }')).toBe(1 + 20);
    expect(count('{ authors(limit: 5000) { items { id } } }')).toBe(1 + 100);
    expect(count('{ authors(limit: -5) { items { id } } }')).toBe(1);
  });

  it('ignores scalars and introspection', () => {
    expect(count('{ __schema { types { name } } me { email } }')).toBe(1);
  });
});

describe('countNodes walks the selection as graphql-js does', () => {
  it('leaves out what @skip/@include leave out, with variables and their defaults', () => {
    const query =
      'query($s: Boolean = true) { books(limit: 5) { items { author @skip(if: $s) { name } stores(limit: 2) @include(if: true) { totalCount } } } }';
    expect(count(query)).toBe(1 + 5 + 5);
    expect(count(query, { s: false })).toBe(1 + 5 + 5 + 5);
  });

  it('counts fields merged under one response key once', () => {
    expect(count('{ books(limit: 3) { items { author { name } author { email } } } }')).toBe(1 + 3 + 3);
  });
});
