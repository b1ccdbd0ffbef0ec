import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { BOOT_SCRIPT, IDE_CSP, IDE_OFF_CSP, PAGE_CSS, ideOffPage, idePage } from './ide-page.js';
import type { Route } from './server.js';

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const IDE_PATH = '/graphql/ide';

type Source = { pkg: string; file: string } | { text: string };

// The whitelist: only these names are served, each from a fixed file of an installed package.
const ASSETS: Record<string, { type: string; source: Source }> = {
  'react.production.min.js': { type: JS, source: { pkg: 'react', file: 'umd/react.production.min.js' } },
  'react-dom.production.min.js': { type: JS, source: { pkg: 'react-dom', file: 'umd/react-dom.production.min.js' } },
  'graphiql.min.js': { type: JS, source: { pkg: 'graphiql', file: 'graphiql.min.js' } },
  'graphiql.min.css': { type: CSS, source: { pkg: 'graphiql', file: 'graphiql.min.css' } },
  'graphql-ws.min.js': { type: JS, source: { pkg: 'graphql-ws', file: 'umd/graphql-ws.min.js' } },
  'boot.js': { type: JS, source: { text: BOOT_SCRIPT } },
  'page.css': { type: CSS, source: { text: PAGE_CSS } },
};

interface Loaded {
  body: Buffer;
  gzipped: Buffer;
}

const gzipAsync = promisify(gzip);
const loaded = new Map<string, Promise<Loaded>>();

async function load(source: Source): Promise<Loaded> {
  let body: Buffer;
  if ('text' in source) {
    body = Buffer.from(source.text);
  } else {
    // Packages may not export their UMD files, but they all export package.json.
    const root = path.dirname(require.resolve(`${source.pkg}/package.json`));
    body = await readFile(path.join(root, source.file));
  }
  return { body, gzipped: await gzipAsync(body) };
}

function asset(name: string): Promise<Loaded> {
  let entry = loaded.get(name);
  if (!entry) {
    entry = load(ASSETS[name].source);
    entry.catch(() => loaded.delete(name));
    loaded.set(name, entry);
  }
  return entry;
}

function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
}

function sendAsset(name: string): Route {
  return async (req, res) => {
    const { body, gzipped } = await asset(name);
    const zip = acceptsGzip(req);
    res.appendHeader('vary', 'accept-encoding');
    res.writeHead(200, {
      'content-type': ASSETS[name].type,
      'content-length': zip ? gzipped.length : body.length,
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
      ...(zip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(zip ? gzipped : body);
  };
}

/** Routes for the IDE's static files, one exact path per whitelisted file. */
export function ideAssetRoutes(): [string, Route][] {
  return Object.keys(ASSETS).map((name) => [`GET ${IDE_PATH}/${name}`, sendAsset(name)]);
}

/** A browser navigating to the endpoint, as opposed to a GraphQL client doing a GET query. */
export function wantsIde(req: IncomingMessage, url: URL): boolean {
  return req.method === 'GET' && !url.searchParams.has('query') && /\btext\/html\b/.test(String(req.headers.accept ?? ''));
}

function sendPage(res: ServerResponse, html: string, csp: string): void {
  res.appendHeader('vary', 'accept');
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-cache',
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}

/** `GET /graphql`: for browsers the IDE page (or, with the IDE off, a page saying so), the GraphQL route for everyone else. */
export function withIde(graphql: Route, ide: boolean): Route {
  return (req, res, url, scope) => {
    if (!wantsIde(req, url)) return graphql(req, res, url, scope);
    scope.route = `GET ${IDE_PATH}`;
    if (ide) sendPage(res, idePage(), IDE_CSP);
    else sendPage(res, ideOffPage(), IDE_OFF_CSP);
  };
}
