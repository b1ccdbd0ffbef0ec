import { OPERATION_KIND } from '../../src/http/ide-page.js';

// The IDE's fetcher runs this in the browser to pick the transport; here it runs as the same source text.
const operationKind = new Function(`${OPERATION_KIND}; return operationKind;`)() as (query: string, name?: string | null) => string | null;

describe('the IDE tells a subscription from the text it runs', () => {
  it.each([
    ['subscription { stockChanged(storeId: 1) { quantity } }', null, 'subscription'],
    ['{ authors { name } }', null, 'query'],
    ['# subscription { x }\nquery Q { a }', null, 'query'],
    ['mutation M($i: In = {a: [1, {b: 2}]}) { m(i: $i) }', null, 'mutation'],
    ['query ($x: ID) { a(id: $x) }', null, 'query'],
    ['subscription @live { b }', null, 'subscription'],
    ['fragment F on Book { id } subscription S { b { ...F } }', null, 'subscription'],
    ['query A { a(s: "subscription {") } subscription B($x: ID = "}{") { b(s: $x) { c } }', 'B', 'subscription'],
    ['query A { a } subscription B { b }', 'A', 'query'],
    ['query { a(s: """ subscription { x } """) }', null, 'query'],
  ])('%s (operation %s) is a %s', (query, name, kind) => {
    expect(operationKind(query, name)).toBe(kind);
  });

  it('names no kind when the operation to run is ambiguous or missing', () => {
    expect(operationKind('query A { a } subscription B { b }', null)).toBeNull();
    expect(operationKind('query A { a }', 'B')).toBeNull();
    expect(operationKind('', null)).toBeNull();
  });
});
