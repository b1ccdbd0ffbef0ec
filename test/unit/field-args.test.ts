import { getArgumentValues, Kind, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { fieldArguments } from '../../src/query/field-args.js';
import { buildAppSchema } from '../../src/schema.js';

const schema = buildAppSchema();
const query = schema.getQueryType()!;

/** The first root field of a document, parsed once (field nodes are what fieldArguments remembers). */
function rootField(text: string) {
  const operation = parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const node = operation.selectionSet.selections[0] as FieldNode;
  return { node, definition: query.getFields()[node.name.value] };
}

/** What graphql-js gives (a value or an error message), for comparison. */
function outcome(read: () => Record<string, unknown>): { value: Record<string, unknown> } | { error: string } {
  try {
    return { value: { ...read() } };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

const CASES: [string, Record<string, unknown>[]][] = [
  ['{ books(orderBy: [{ title: ASC }], offset: 5, limit: 20) { totalCount } }', [{}]],
  ['query($o: Int!) { books(orderBy: [{ title: ASC }, { price: DESC }], offset: $o, limit: 20) { totalCount } }', [{ o: 3 }, { o: 7 }, {}, { o: null }]],
  ['query($o: Int) { books(offset: $o) { totalCount } }', [{}, { o: null }, { o: 4 }]],
  ['query($w: String!) { books(filter: { title: { contains: $w }, price: { lt: 30 } }, limit: 3) { totalCount } }', [{ w: 'garden' }, { w: 'river' }]],
  ['query($id: ID!) { book(id: $id) { id } }', [{ id: '7' }, { id: null }, {}]],
  ['{ book(id: "7") { id } }', [{}]],
  ['{ books(limit: "x") { totalCount } }', [{}]],
];

describe('fieldArguments: getArgumentValues with literal arguments coerced once per field node', () => {
  it.each(CASES)('%s: the same values and the same errors as graphql-js, call after call', (text, variableSets) => {
    const { node, definition } = rootField(text);
    for (const variables of [...variableSets, ...variableSets]) {
      expect(outcome(() => fieldArguments(definition, node, variables))).toEqual(outcome(() => getArgumentValues(definition, node, variables)));
    }
  });

  it('shares the coerced literals between requests, frozen so that no reader can change them for the next', () => {
    const { node, definition } = rootField('query($o: Int!) { books(orderBy: [{ title: ASC }], offset: $o, limit: 20) { totalCount } }');
    const first = fieldArguments(definition, node, { o: 1 });
    const second = fieldArguments(definition, node, { o: 2 });
    expect([first.offset, second.offset]).toEqual([1, 2]);
    expect(second.orderBy).toBe(first.orderBy);
    expect(Object.isFrozen(first.orderBy)).toBe(true);
    expect(() => (first.orderBy as unknown[]).push({})).toThrow(TypeError);
  });
});
