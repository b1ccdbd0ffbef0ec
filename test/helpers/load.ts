import type { GqlResult, TestApp } from './app.js';

/** One request of a load run, with when it started and ended (ms since the epoch). */
export interface Sample {
  kind: 'write' | 'read';
  start: number;
  end: number;
  code: string;
  email?: string;
}

const CREATE_AUTHOR = 'mutation($i: CreateAuthorInput!) { createAuthor(input: $i) { id } }';
const codeOf = (res: GqlResult) => (res.body.errors ? String(res.body.errors[0].extensions.code) : 'OK');
// An unexpected code keeps its message, so a failing run says what went wrong.
const describe = (res: GqlResult) => (codeOf(res) === 'INTERNAL_SERVER_ERROR' ? `INTERNAL_SERVER_ERROR ${res.body.errors![0].message}` : codeOf(res));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Steady load: `workers` loops of createAuthor (a unique email each) then a read, until stopped. */
export function steadyLoad(app: TestApp, workers: number, pauseMs = 50): { samples: Sample[]; stop: () => Promise<void> } {
  const samples: Sample[] = [];
  let running = true;
  const timed = async (kind: Sample['kind'], send: () => Promise<GqlResult>, email?: string) => {
    const start = Date.now();
    const code = await send().then(describe, (err: unknown) => `FETCH_FAILED ${(err as Error).message}`);
    samples.push({ kind, start, end: Date.now(), code, email });
  };
  const loop = async (w: number) => {
    for (let n = 0; running; n++) {
      const email = `load-${w}-${n}@example.com`;
      await timed('write', () => app.gql(CREATE_AUTHOR, { i: { name: `Load ${w} ${n}`, email } }), email);
      await timed('read', () => app.gql('{ authors(limit: 5, orderBy: [{ id: DESC }]) { totalCount items { id email } } }'));
      await sleep(pauseMs);
    }
  };
  const done = Promise.all(Array.from({ length: workers }, (_, w) => loop(w)));
  return { samples, stop: async () => void ((running = false), await done) };
}
