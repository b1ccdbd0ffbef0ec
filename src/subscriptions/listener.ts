import pg from 'pg';
import type { Logger } from '../logger.js';
import { CHANGE_CHANNEL, parseNotice, type ChangeEvent, type ChangeNotice } from './change-event.js';

const READ = `select "id", "at", "actor_id" as "actorId", "action", "entity", "entity_id" as "entityId", "changes"
  from "audit_entry" where "id" = any($1::int[])`;
const CATCH_UP = `select "id", "at", "actor_id" as "actorId", "action", "entity", "entity_id" as "entityId", "changes"
  from "audit_entry" where "id" > $1 order by "id" limit 10000`;
const MAX_BACKOFF_MS = 5000;
// Ids already handed on, so a catch-up after a reconnect does not repeat them.
const REMEMBERED = 10000;

export interface ListenerOptions {
  url: string;
  logger: Logger;
  /** Whether events about this entity are wanted at all (else they are not re-read). */
  wants: (entity: string) => boolean;
  /** Receives events in commit order. */
  publish: (events: ChangeEvent[]) => void;
}

/**
 * One dedicated connection per process that LISTENs for committed changes, re-reads their audit
 * entries (one statement per batch of notices) and publishes them in the order PostgreSQL
 * delivered them, which is commit order. It reconnects after an outage and then catches up on
 * the entries written while it was away.
 */
export class ChangeListener {
  private client?: pg.Client;
  private pending: ChangeNotice[] = [];
  private working?: Promise<void>;
  private stopped = false;
  private backoff = 250;
  private lastId = 0;
  /** After the first connection, a reconnect catches up on what it missed. */
  private connectedBefore = false;
  private readonly seen = new Set<number>();

  constructor(private readonly options: ListenerOptions) {}

  /** Connects once; on failure keeps retrying in the background (the API serves without it). */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.options.url, connectionTimeoutMillis: 3000 });
    client.on('error', (err) => this.options.logger.warn({ err: err.message }, 'change listener connection error'));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      const notice = message.channel === CHANGE_CHANNEL ? parseNotice(message.payload) : undefined;
      if (notice) this.enqueue(notice);
    });
    try {
      await client.connect();
      await client.query(`listen "${CHANGE_CHANNEL}"`);
      this.client = client;
      this.backoff = 250;
      if (this.connectedBefore) await this.catchUp(client);
      else this.lastId = Number((await client.query<{ max: number | null }>('select max("id") as "max" from "audit_entry"')).rows[0].max ?? 0);
      this.connectedBefore = true;
    } catch (err) {
      this.options.logger.warn({ err: (err as Error).message }, 'change listener could not connect; retrying');
      if (this.client === client) this.client = undefined;
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      this.retry();
    }
  }

  private lost(client: pg.Client): void {
    if (this.client !== client || this.stopped) return;
    this.client = undefined;
    this.options.logger.warn('change listener lost its connection; reconnecting');
    this.retry();
  }

  private retry(): void {
    if (this.stopped) return;
    setTimeout(() => void this.connect(), this.backoff).unref();
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
  }

  /** Entries committed while disconnected (best effort: by id, in id order). */
  private async catchUp(client: pg.Client): Promise<void> {
    const { rows } = await client.query<ChangeEvent>(CATCH_UP, [this.lastId]);
    for (const row of rows) this.lastId = Math.max(this.lastId, row.id);
    this.hand(rows.filter((r) => !this.seen.has(r.id) && this.options.wants(r.entity)));
  }

  private enqueue(notice: ChangeNotice): void {
    this.pending.push(notice);
    this.working ??= this.work().finally(() => (this.working = undefined));
  }

  /** One batch at a time, so events leave in the order they arrived. */
  private async work(): Promise<void> {
    while (this.pending.length) {
      const received = this.pending.splice(0);
      for (const notice of received) this.lastId = Math.max(this.lastId, notice.id);
      const batch = received.filter((n) => this.options.wants(n.entity));
      if (!batch.length) continue;
      try {
        if (!this.client) throw new Error('not connected');
        const { rows } = await this.client.query<ChangeEvent>(READ, [batch.map((n) => n.id)]);
        const byId = new Map(rows.map((r) => [r.id, r]));
        this.hand(batch.map((n) => byId.get(n.id)).filter((r): r is ChangeEvent => r !== undefined));
      } catch (err) {
        // The connection broke under us: the catch-up after the reconnect re-reads from before this batch.
        this.lastId = Math.min(this.lastId, ...batch.map((n) => n.id - 1));
        this.options.logger.warn({ err: (err as Error).message, notices: batch.length }, 'change listener could not re-read a batch; will catch up');
      }
    }
  }

  private hand(events: ChangeEvent[]): void {
    for (const event of events) {
      this.seen.add(event.id);
      if (this.seen.size > REMEMBERED) this.seen.delete(this.seen.values().next().value!);
    }
    if (events.length) this.options.publish(events);
  }

  /** Stops listening after handing on the notices already received. */
  async stop(): Promise<void> {
    this.stopped = true;
    // PostgreSQL hands a listener the notices of transactions committed before this round trip ahead of its answer.
    await this.client?.query('select 1').catch(() => undefined);
    await this.working;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
