// Before measuring: the three servers must return the same data for a fixed variable set.
import { isDeepStrictEqual } from 'node:util';
import type { Server } from './servers.js';
import { serverShape, type Shape } from './shapes.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any GraphQL answer, read loosely by the bench
export async function call(server: Server, req: { path: string; body: string }, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(`${server.url}${req.path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: req.body });
  return res.json();
}

/** Prints one line per shape; returns the number of mismatches. */
export async function sanityCheck(shapes: Shape[], servers: Server[], headers: Record<string, string>): Promise<number> {
  let bad = 0;
  for (const shape of shapes) {
    const seen: { name: string; data: unknown }[] = [];
    for (const server of servers) {
      const spec = serverShape(shape, server.name);
      if (!spec) continue;
      const body = await call(server, spec.request(shape.fixed), server.name === 'api' ? headers : {});
      let data: unknown;
      try {
        data = spec.normalise(body);
      } catch {
        data = { unexpected: body };
      }
      seen.push({ name: server.name, data });
    }
    const same = seen.every((s) => isDeepStrictEqual(s.data, seen[0].data));
    const size = JSON.stringify(seen[0].data).length;
    process.stdout.write(
      `sanity ${shape.id.padEnd(3)} ${same ? 'OK      ' : 'MISMATCH'} (${size} bytes of normalised data) ${JSON.stringify(seen[0].data).slice(0, 90)}\n`,
    );
    if (!same) {
      bad++;
      for (const s of seen) process.stdout.write(`   ${s.name}: ${JSON.stringify(s.data).slice(0, 400)}\n`);
    }
  }
  return bad;
}
