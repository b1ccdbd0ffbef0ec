import pg from 'pg';
import type { Logger } from '../logger.js';
import type { ChangeEvent } from './change-event.js';
import { CommitFrontier } from './commit-frontier.js';

const EVENT_COLUMNS = `"id", "at", "actor_id" as "actorId", "action", "entity", "entity_id" as "entityId", "changes"`;

// The committed audit entries past the frontier, with the statement's own snapshot bounds (one row with
// null entry columns when there is none). pg_current_snapshot() is the snapshot the scan reads with.
const poll = (columns: string) => `select pg_snapshot_xmin(s)::text as "xmin", pg_snapshot_xmax(s)::text as "xmax", e.*
  from pg_current_snapshot() s left join lateral (
    select ${columns} from "audit_entry" where "id" > $1 order by "id" limit 10000) e on true`;
const POLL_EVENTS = poll(EVENT_COLUMNS);
// With no subscriber, only the ids move the frontier: reading and parsing every entry's changes cost
// the process a tenth of its CPU under a stream of writes (bench shape 6).
const POLL_IDS = poll('"id"');
const EVENTS_BY_ID = `select ${EVENT_COLUMNS} from "audit_entry" where "id" = any($1::int[]) order by "id"`;
const MAX_BACKOFF_MS = 5000;

export interface PollerOptions {
  url: string;
  logger: Logger;
  /** Milliseconds between polls. */
  intervalMs: number;
  /** Whether events about this entity are wanted at all. */
  wants: (entity: string) => boolean;
  /** Whether anyone is subscribed to anything (else a poll reads ids only). */
  listening: () => boolean;
  /** Receives events in id order (commit order for any one row), each once. */
  publish: (events: ChangeEvent[]) => void;
}

type PollRow = { xmin: string; xmax: string } & ({ id: null } | ChangeEvent);

/**
 * One dedicated connection per process reads the audit entries committed since its last poll and
 * publishes them (CommitFrontier decides which may go yet). Polling, not LISTEN/NOTIFY: a NOTIFY
 * serialises every writer's commit (see migration change_poll). After an outage it reconnects and
 * goes on from its frontier, so nothing committed meanwhile is lost or repeated.
 */
export class ChangePoller {
  private client?: pg.Client;
  private frontier?: CommitFrontier<ChangeEvent>;
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private stopped = false;
  private backoff = 250;

  constructor(private readonly options: PollerOptions) {}

  /** Connects and takes the frontier (the entries committed so far are history); on failure keeps retrying. */
  async start(): Promise<void> {
    await this.tick();
  }

  private schedule(ms: number): void {
    if (!this.stopped) this.timer = setTimeout(() => void this.tick(), ms).unref();
  }

  private async tick(): Promise<void> {
    this.polling = this.poll(false)
      .then(() => {
        this.backoff = 250;
        this.schedule(this.options.intervalMs);
      })
      .catch((err: unknown) => {
        this.options.logger.warn({ err: (err as Error).message }, 'change poller could not read; retrying');
        const client = this.client;
        this.client = undefined;
        void client?.end().catch(() => undefined);
        this.schedule(this.backoff);
        this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
      });
    await this.polling;
  }

  private async connect(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({ connectionString: this.options.url, connectionTimeoutMillis: 3000 });
    client.on('error', (err) => this.options.logger.warn({ err: err.message }, 'change poller connection error'));
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    this.frontier ??= new CommitFrontier(Number((await client.query<{ max: number | null }>('select max("id") as "max" from "audit_entry"')).rows[0].max ?? 0));
    return (this.client = client);
  }

  private async poll(final: boolean): Promise<void> {
    const client = await this.connect();
    const frontier = this.frontier!;
    const full = this.options.listening();
    const { rows } = await client.query<PollRow>(full ? POLL_EVENTS : POLL_IDS, [frontier.lastId]);
    const snapshot = { xmin: BigInt(rows[0].xmin), xmax: BigInt(rows[0].xmax) };
    const entries = rows
      .filter((r): r is PollRow & ChangeEvent => r.id !== null)
      .map(({ id, at, actorId, action, entity, entityId, changes }) => ({ id, at, actorId, action, entity, entityId, changes }));
    let taken = frontier.take(entries, snapshot, final);
    if (!full) {
      // Read as ids only: nothing to hand on, unless someone subscribed while the poll was out.
      if (!taken.length || !this.options.listening()) return;
      taken = (await client.query<ChangeEvent>(EVENTS_BY_ID, [taken.map((e) => e.id)])).rows;
    }
    const events = taken.filter((e) => this.options.wants(e.entity));
    if (events.length) this.options.publish(events);
  }

  /** Hands on every entry committed before this call, then disconnects. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
    if (this.client && this.frontier) await this.poll(true).catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
