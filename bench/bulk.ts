// npm run bench:bulk: issue 14's "1,000 books in one createBooks under 1 s on the volume data", on the
// database `npm run bench` left in bench/.data (the volume seed). Times BULK_RUNS (default 5) requests
// of 1,000 books each, wall clock at the client, then sends 1,000 with one bad item and checks that it
// names its index and wrote nothing. Env: BENCH_PORT (as npm run bench).
import pg from 'pg';
import { startBenchDatabase, VOLUME } from './db.js';
import { call } from './sanity.js';
import { ADMIN, startApi, type Server } from './servers.js';

const PORT = Number(process.env.BENCH_PORT ?? 47810);
const RUNS = Number(process.env.BULK_RUNS ?? 5);
const ITEMS = 1000;
const BAD = 537;
const QUERY = 'mutation CreateBooks($inputs: [CreateBookInput!]!) { createBooks(inputs: $inputs) { id title author { name } } }';
const log = (text: string) => process.stdout.write(`${text}\n`);

const inputs = (run: number) =>
  Array.from({ length: ITEMS }, (_, i) => ({
    title: `Bulk ${run}.${i}`,
    authorId: String(1 + ((run * ITEMS + i) % VOLUME.authors)),
    publishedYear: 1950 + (i % 70),
    price: 5 + (i % 50),
  }));

async function send(api: Server, token: string, items: unknown[]) {
  const started = process.hrtime.bigint();
  const body = await call(
    api,
    { path: '/graphql', body: JSON.stringify({ query: QUERY, variables: { inputs: items } }) },
    { authorization: `Bearer ${token}` },
  );
  return { body, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

async function main(): Promise<void> {
  const db = await startBenchDatabase(PORT);
  const client = new pg.Client({ connectionString: db.url });
  let api: Server | undefined;
  try {
    await client.connect();
    const count = async () => (await client.query<{ n: number }>('SELECT count(*)::int AS "n" FROM "book"')).rows[0].n;
    if ((await count()) < VOLUME.books) throw new Error('bench/.data holds no volume data: run `npm run bench` first');
    api = await startApi(db.url, PORT + 6);
    const login = await call(api, {
      path: '/graphql',
      body: JSON.stringify({
        query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        variables: { e: ADMIN.email, p: ADMIN.password },
      }),
    });
    const token: string = login.data.login.token;
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const { body, ms } = await send(api, token, inputs(run));
      if (body.errors || body.data.createBooks.length !== ITEMS) throw new Error(`createBooks failed: ${JSON.stringify(body).slice(0, 500)}`);
      times.push(ms);
      log(`createBooks of ${ITEMS}: ${ms.toFixed(0)} ms`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    log(`median ${sorted[Math.floor(RUNS / 2)].toFixed(0)} ms, max ${sorted[RUNS - 1].toFixed(0)} ms over ${RUNS} runs (${ITEMS} books + audit entries each)`);

    const before = await count();
    const bad = inputs(RUNS).map((item, i) => (i === BAD ? { ...item, authorId: '2000000000' } : item));
    const { body, ms } = await send(api, token, bad);
    const error = body.errors?.[0];
    const after = await count();
    log(
      `one bad item (#${BAD}): ${error?.extensions?.code} at ${JSON.stringify(error?.extensions?.fields ?? error?.path)} in ${ms.toFixed(0)} ms; books written: ${after - before}`,
    );
    if (after !== before || !JSON.stringify(body.errors).includes(`inputs.${BAD}.authorId`))
      throw new Error(`bad item not refused whole: ${JSON.stringify(body)}`);
  } finally {
    await api?.stop();
    await client.end().catch(() => undefined);
    await db.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:bulk failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
