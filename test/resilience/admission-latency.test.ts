import { Client } from 'pg';
import { REFUSAL_COOLDOWN_MS } from '../../src/config.js';
import { seedVolume } from '../../src/seeders/volume.js';
import { AT_COST, BUDGET, CHEAP, flood, type FloodResult } from '../helpers/admission-flood.js';
import { createTestDatabase } from '../helpers/database.js';
import { startProductionServer, type Running } from '../helpers/process.js';

// Issue 13, finding 2: ten concurrent `or` filters of 500 `contains` took a cheap query from p50
// 4 ms to p50 6 s and some failed with SERVICE_UNAVAILABLE. Here, on volume data (30,000 books),
// 10 over-budget and 10 at-budget clients keep sending while a cheap query is timed
// (helpers/admission-flood.ts), first polite attackers (they wait a 429's retryAfterSeconds), then
// rude ones (they send again at once; the server holds their 429s, src/concurrency/tarpit.ts):
// what must hold whatever the machine's load is asserted; the cheap query's p50/p99 ratio to
// idle is printed, and measured by `npm run bench:admission` (bench/results/admission.md): on the
// shared 2-core machine it moved between runs too much to be asserted (README, "Limits and admission").
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let run: Running;
let base: string;
const results: Record<string, FloodResult> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const pg = new Client({ connectionString: database.url });
  await pg.connect();
  await seedVolume(pg, { authors: 2000, books: 30000, stores: 50 });
  await pg.query('ANALYZE');
  await pg.end();
  // The production defaults, the refusal cooldown included (the test helpers turn it off).
  ({ run, base } = await startProductionServer(database.url, [], { REFUSAL_COOLDOWN_MS: String(REFUSAL_COOLDOWN_MS) }));
  for (const manners of ['polite', 'rude']) {
    const result = (results[manners] = await flood(base, { samples: 200, rude: manners === 'rude' }));
    const { idle, attack, outcomes, attackSeconds } = result;
    const ratios = { p50: +(attack.p50 / idle.p50).toFixed(2), p99: +(attack.p99 / idle.p99).toFixed(2) };
    process.stdout.write(
      `\nAdmission by cost, ${manners} attackers: ${JSON.stringify({ idleMs: idle, underAttackMs: attack, ratios, attackSeconds, outcomes })}\n`,
    );
  }
}, 900000);
afterAll(async () => {
  run?.child.kill('SIGKILL');
  await run?.exited;
  await database?.drop();
}, 60000);

describe.each(['polite', 'rude'])('admission by cost: 10 over-budget and 10 at-budget %s clients at once, on 30,000 books', (manners) => {
  const kinds = (who: string) =>
    Object.keys(results[manners].outcomes)
      .filter((k) => k.startsWith(`${who} `))
      .sort();

  it('every cheap query is answered, idle and under attack', () => {
    expect(kinds('cheap')).toEqual(['cheap 200 OK']);
    expect(results[manners].outcomes['cheap 200 OK']).toBe(400);
  });

  it('no request fails otherwise: no SERVICE_UNAVAILABLE (statement or connection timeout), no INTERNAL_SERVER_ERROR', () => {
    expect(results[manners].failures).toEqual([]);
  });

  it('over budget: QUERY_TOO_COMPLEX with its figures, then TOO_MANY_REQUESTS unread while the client cools down', () => {
    expect(kinds('over')).toEqual(['over 400 QUERY_TOO_COMPLEX', 'over 429 TOO_MANY_REQUESTS']);
    // The walk stops once the filter alone is over budget, so `found` is what it read.
    expect(results[manners].refusals.filter((e) => !(e.rule === 'cost' && e.limit === BUDGET && e.found! > BUDGET))).toEqual([]);
  });

  it(`at the budget (cost ${AT_COST}): answered within the statement timeout, or TOO_MANY_REQUESTS with a retry hint`, () => {
    expect(AT_COST).toBeGreaterThan(BUDGET * 0.95);
    expect(results[manners].outcomes['at 200 OK']).toBeGreaterThan(0);
    expect(kinds('at').filter((k) => k !== 'at 200 OK' && k !== 'at 429 TOO_MANY_REQUESTS')).toEqual([]);
    // Every refusal, of either kind of attacker, says when to come back.
    expect(results[manners].retryHintMissing).toBe(0);
  });

  it('the server is alive and answers a cheap query after the flood', async () => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: CHEAP });
    expect([res.status, ((await res.json()) as { data: { books: { items: unknown[] } } }).data.books.items.length]).toEqual([200, 1]);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
