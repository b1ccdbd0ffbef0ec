import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * `describe` where Debian's chromium is present. Without it: a loud skip on a workstation, and a
 * failing test under CI=true (.ci/run installs chromium), where a skipped test would pass unseen.
 */
export function browserDescribe(what: string): jest.Describe {
  if (existsSync(CHROMIUM)) return describe;
  const inCi = process.env.CI === 'true';
  process.stderr.write(`${inCi ? 'FAILING' : 'SKIPPED'} ${what}: ${CHROMIUM} is absent (apt-get install chromium; .ci/run installs it).\n`);
  if (inCi) {
    describe(what, () =>
      it('needs a browser', () => {
        throw new Error(`CI=true and ${CHROMIUM} is absent: install Debian's chromium (.ci/run does)`);
      }),
    );
  }
  return describe.skip;
}

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: ARGS });

/** Bundles the module `entryFile` for the browser; its exports become `window[globalName]`. */
export async function bundleForBrowser(entryFile: string, globalName: string): Promise<string> {
  const out = await build({
    entryPoints: [entryFile],
    bundle: true,
    format: 'iife',
    globalName,
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"', __DEV__: 'false' },
  });
  return out.outputFiles[0].text;
}

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

/** A second origin (http://localhost:<free port>) serving a blank page at `/` and `script` at `/app.js`. */
export async function servePage(script: string): Promise<PageServer> {
  const html = '<!doctype html><html><head><meta charset="utf-8"><script src="/app.js"></script></head><body>client page</body></html>';
  const server: Server = createServer((req, res) => {
    const [type, body] = req.url === '/app.js' ? ['text/javascript', script] : req.url === '/' ? ['text/html', html] : [undefined, 'not found'];
    res.writeHead(type ? 200 : 404, { 'content-type': `${type ?? 'text/plain'}; charset=utf-8` }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://localhost:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
