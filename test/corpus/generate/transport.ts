import type { Draft } from './helpers.js';
import { BR, BUI, COUNT_AUTHORS, COUNT_AUTHORS_JSON, OK, PARSE, raw } from './helpers.js';

const bad = (name: string, body: string | Buffer, note?: string): Draft => raw(name, body, {}, { status: [400], code: BR, note });

/** Bodies that are not JSON, or JSON that is not a GraphQL request. */
export function malformedJson(): Draft[] {
  const deep = (n: number) => `{"query":"${COUNT_AUTHORS}","variables":{"unused":${'['.repeat(n)}${']'.repeat(n)}}}`;
  return [
    bad('lone opening brace', '{'),
    bad('lone closing brace', '}'),
    bad('missing value', '{"query": }'),
    bad('missing closing brace', '{"query": "{ authors { totalCount } }"'),
    bad('trailing comma', '{"query": "{ authors { totalCount } }",}'),
    bad('single quotes', "{'query': '{ authors { totalCount } }'}"),
    bad('unquoted key', '{query: "{ authors { totalCount } }"}'),
    bad('trailing garbage', `${COUNT_AUTHORS_JSON} trailing`),
    bad('two objects', `${COUNT_AUTHORS_JSON}${COUNT_AUTHORS_JSON}`),
    bad('NaN literal', '{"query": "{ authors { totalCount } }", "variables": {"x": NaN}}'),
    bad('undefined literal', '{"query": undefined}'),
    bad('comment', `/* c */ ${COUNT_AUTHORS_JSON}`),
    bad('byte order mark', `\uFEFF${COUNT_AUTHORS_JSON}`),
    bad('invalid escape', '{"query": "\\x41"}'),
    bad('unterminated string', '{"query": "{ authors { totalCount } }}'),
    bad('lone bracket', '['),
    bad('lone quote', '"'),
    bad('XML', '<query>{ authors { totalCount } }</query>'),
    bad('form encoding', 'query=%7B%20authors%20%7B%20totalCount%20%7D%20%7D'),
    bad('whitespace only', '   \n\t '),
    bad('GraphQL text sent as JSON', COUNT_AUTHORS),
    bad('unescaped newline in string', '{"query": "{ authors {\n totalCount } }"}'),
    bad('empty body', ''),
    bad('JSON null', 'null'),
    bad('JSON string', '"{ authors { totalCount } }"'),
    bad('JSON number', '42'),
    bad('JSON true', 'true'),
    bad('empty array (a batch)', '[]'),
    bad('batched request', `[${COUNT_AUTHORS_JSON}]`),
    bad('empty object', '{}'),
    bad('query null', '{"query": null}'),
    bad('query number', '{"query": 42}'),
    bad('query array', `{"query": ["${COUNT_AUTHORS}"]}`),
    bad('query object (a parsed AST)', '{"query": {"kind": "Document", "definitions": []}}'),
    bad('only variables', '{"variables": {}}'),
    bad('variables as a JSON string', `{"query": "${COUNT_AUTHORS}", "variables": "{}"}`),
    bad('variables as an array', `{"query": "${COUNT_AUTHORS}", "variables": [1, 2]}`),
    bad('variables as a number', `{"query": "${COUNT_AUTHORS}", "variables": 5}`),
    bad('operationName as a number', `{"query": "${COUNT_AUTHORS}", "operationName": 5}`),
    bad('extensions as a string', `{"query": "${COUNT_AUTHORS}", "extensions": "x"}`),
    bad('persisted query hash that does not match', `{"query": "${COUNT_AUTHORS}", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}`),
    raw(
      'unknown persisted query',
      '{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0000000000000000000000000000000000000000000000000000000000000000"}}}',
      {},
      { code: ['PERSISTED_QUERY_NOT_FOUND'] },
    ),
    raw('unused variable nested 5,000 arrays deep', deep(5000), {}, { status: [400], code: BUI }), // GRAPHQL_MAX_VARIABLE_DEPTH
    raw('unused variable nested 100,000 arrays deep', deep(100000), {}, { status: [400], code: BUI }),
  ];
}

/** Content types, accept headers and methods. */
export function contentTypes(): Draft[] {
  const ct = (name: string, contentType: string | null, status: number[], code: string[], note?: string) =>
    raw(name, COUNT_AUTHORS_JSON, { contentType }, { status, code, note });
  const accept = (name: string, value: string, status: number[], code: string[], query = COUNT_AUTHORS_JSON) =>
    raw(name, query, { headers: { accept: value } }, { status, code });
  const method = (name: string, m: string, search: string, status: number[], code: string[], contentType?: string | null) =>
    raw(name, undefined, { method: m, search, contentType }, { status, code });
  const q = encodeURIComponent(COUNT_AUTHORS);
  return [
    ct('text/plain (CSRF-safe type, refused)', 'text/plain', [400], BR),
    ct('form-urlencoded (refused)', 'application/x-www-form-urlencoded', [400], BR),
    ct('multipart (refused)', 'multipart/form-data; boundary=xyz', [400], BR),
    ct('no content type', null, [400], BR),
    ct('application/xml', 'application/xml', [400], BR),
    ct('application/graphql', 'application/graphql', [400], BR),
    ct('text/html', 'text/html', [400], BR),
    ct('application/octet-stream', 'application/octet-stream', [400], BR),
    ct('empty content type', '', [400], BR),
    ct('json with charset', 'application/json; charset=utf-8', [200], OK),
    ct('JSON in upper case', 'APPLICATION/JSON', [200], OK),
    ct('json with a foreign charset', 'application/json; charset=latin1', [200, 400, 415], ['OK', 'BAD_REQUEST']),
    ct('graphql-response+json as the request type (Apollo takes any JSON body)', 'application/graphql-response+json', [200], OK),
    ct('a json-like type', 'application/jsonx', [200, 400], ['OK', 'BAD_REQUEST']),
    ct('garbage content type', ';;;===', [400], BR),
    raw('GraphQL text as application/graphql', COUNT_AUTHORS, { contentType: 'application/graphql' }, { status: [400], code: BR }),
    accept('accept text/html only', 'text/html', [406], BR),
    accept('accept application/xml only', 'application/xml', [406], BR),
    accept('accept anything', '*/*', [200], OK),
    accept('accept graphql-response+json', 'application/graphql-response+json', [200], OK),
    accept('accept graphql-response+json with an invalid query', 'application/graphql-response+json', [400], VAL_, JSON.stringify({ query: '{ nope }' })),
    accept('accept garbage', ';q=nope', [200, 406], ['OK', 'BAD_REQUEST']),
    method('GET with a query and a JSON content type', 'GET', `?query=${q}`, [200], OK, 'application/json'),
    method('GET without a preflight header (CSRF)', 'GET', `?query=${q}`, [400], BR, null),
    method('GET with a mutation', 'GET', `?query=${encodeURIComponent('mutation { deleteBook(id: 1) }')}`, [405], BR, 'application/json'),
    method('GET with an empty query', 'GET', '?query=', [400], BR, 'application/json'),
    method('GET with no query', 'GET', '', [400], BR, 'application/json'),
    method('GET with variables that are not JSON', 'GET', `?query=${q}&variables=%7Bnope`, [400], BR, 'application/json'),
    method('GET with an unparsable query', 'GET', '?query=%7B%7B%7B', [400], PARSE, 'application/json'),
    method('PUT', 'PUT', '', [404], ['OK']),
    method('DELETE', 'DELETE', '', [404], ['OK']),
    method('PATCH', 'PATCH', '', [404], ['OK']),
    method('OPTIONS', 'OPTIONS', '', [204, 404], ['OK']),
  ];
}

const VAL_ = ['GRAPHQL_VALIDATION_FAILED'];
