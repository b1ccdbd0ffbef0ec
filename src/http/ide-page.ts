/** The query the IDE opens with (when the browser has none saved). */
export const EXAMPLE_QUERY = `# Bookstore GraphQL API: press ▶ (or Ctrl+Enter) to run.
#
# To sign in, run this in a new tab (+):
#   mutation {
#     login(email: "…", password: "…") { token }
#   }
# then put this in the Headers tab below:
#   {"Authorization": "Bearer <token>"}
{
  authors(limit: 5) {
    totalCount
    items {
      name
      books {
        items {
          title
        }
      }
    }
  }
}
`;

/**
 * Browser code (ES5, no dependencies): the kind ('query', 'mutation', 'subscription') of the operation
 * `name` (or the only one) in `query`, else null. The fetcher decides the transport from the text it is
 * sent, not from GraphiQL's `documentAST`: GraphiQL re-parses the editor 100 ms after the last change
 * (debounced), so a Run right after an edit came with the previous document's AST and a subscription
 * went over HTTP (the IDE test failed about half the time).
 */
export const OPERATION_KIND = `function operationKind(query, name) {
  var text = query.replace(/"""[\\s\\S]*?"""|"(?:[^"\\\\\\n]|\\\\.)*"|#[^\\n]*/g, ' ');
  var tokens = text.match(/[{}()\\[\\]]|@?[_A-Za-z][_0-9A-Za-z]*/g) || [];
  var depth = 0, current = null, operations = [];
  for (var i = 0; i < tokens.length; i++) {
    var t = tokens[i];
    if (t === '{' || t === '(' || t === '[') {
      if (depth === 0 && t === '{') {
        operations.push(current || { kind: 'query', name: null }); // no keyword: the query shorthand
        current = null;
      } else if (depth === 0 && current && current.name === undefined) current.name = null; // anonymous, with variables
      depth++;
    } else if (t === '}' || t === ')' || t === ']') depth--;
    else if (depth === 0 && t.charAt(0) !== '@') {
      if (!current && /^(query|mutation|subscription|fragment)$/.test(t)) current = { kind: t, name: undefined };
      else if (current && current.name === undefined) current.name = t;
    }
  }
  var found = operations.filter(function (o) { return o.kind !== 'fragment' && (name ? o.name === name : true); });
  return found.length === 1 ? found[0].kind : null;
}`;

// Assets are addressed relative to the page (`/graphql` → `graphql/ide/…`) so a path prefix added by a proxy still works.
const ASSET_DIR = 'graphql/ide';

/**
 * Runs in the browser: mounts GraphiQL from the UMD globals, posting to the page's own URL;
 * subscriptions go over graphql-ws to the same URL, with the Authorization header of the
 * Headers tab in connection_init (one WebSocket per distinct header).
 */
export const BOOT_SCRIPT = `(function () {
  var config = JSON.parse(document.getElementById('ide-config').textContent);
  var http = GraphiQL.createFetcher({ url: location.origin + location.pathname });
  var sockets = {};
  function socketFor(headers) {
    var auth = (headers && (headers.Authorization || headers.authorization)) || '';
    sockets[auth] = sockets[auth] || graphqlWs.createClient({
      url: location.origin.replace(/^http/, 'ws') + location.pathname,
      connectionParams: auth ? { authorization: auth } : {},
    });
    return sockets[auth];
  }
  ${OPERATION_KIND}
  function fetcher(params, opts) {
    if (operationKind(params.query, params.operationName) === 'subscription') return socketFor(opts && opts.headers).iterate(params);
    return http(params, opts);
  }
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: config.query,
      defaultEditorToolsVisibility: 'headers',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
})();
`;

// JSON inside <script> must not be able to close the tag.
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/** Everything up to `<body>`, shared by the IDE page and the IDE-off page. */
function pageHead(title: string, links = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${links}</head>
`;
}

export function idePage(): string {
  return `${pageHead(
    'Bookstore GraphQL IDE',
    `<link rel="stylesheet" href="${ASSET_DIR}/graphiql.min.css">
<link rel="stylesheet" href="${ASSET_DIR}/page.css">
`,
  )}<body>
<div id="graphiql">Loading the GraphQL IDE…</div>
<script type="application/json" id="ide-config">${scriptJson({ query: EXAMPLE_QUERY })}</script>
<script src="${ASSET_DIR}/react.production.min.js"></script>
<script src="${ASSET_DIR}/react-dom.production.min.js"></script>
<script src="${ASSET_DIR}/graphiql.min.js"></script>
<script src="${ASSET_DIR}/graphql-ws.min.js"></script>
<script src="${ASSET_DIR}/boot.js"></script>
</body>
</html>
`;
}

export const PAGE_CSS = 'html, body, #graphiql { height: 100%; margin: 0; overflow: hidden; }\n';

/** Only our own origin; GraphiQL styles its components inline, fonts and icons are data: URLs. */
export const IDE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** What a browser sees at the endpoint when the IDE is off: a page, not Apollo's CSRF error in JSON. */
export function ideOffPage(): string {
  return `${pageHead('Bookstore GraphQL API')}<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.5">
<h1>Bookstore GraphQL API</h1>
<p>This is a GraphQL endpoint. The GraphQL IDE is off on this server (the default when <code>NODE_ENV=production</code>).</p>
<p>To turn it on, start the server with <code>GRAPHQL_IDE=true</code> and open this address again.</p>
<p>Clients send queries here with <code>POST</code> and <code>content-type: application/json</code>,
or with <code>GET</code> and the header <code>apollo-require-preflight: true</code>.</p>
</body>
</html>
`;
}

/** The off page has no script and loads nothing. */
export const IDE_OFF_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
