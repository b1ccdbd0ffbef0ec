import { AsyncQueue } from './async-queue.js';
import type { ChangeEvent } from './change-event.js';

/** The `entity` that subscribes to every event. */
export const ANY = '*';

interface Source {
  entity: string;
  accepts: (event: ChangeEvent) => boolean;
  queue: AsyncQueue<ChangeEvent>;
}

/** The in-memory fan-out of committed changes to the source streams of subscription fields. */
export class ChangeFeed {
  private readonly sources = new Set<Source>();

  /** Whether any stream is open at all. */
  get listening(): boolean {
    return this.sources.size > 0;
  }

  /** Whether any stream wants events about `entity` (else the poller need not hand them on). */
  wants(entity: string): boolean {
    for (const source of this.sources) if (source.entity === ANY || source.entity === entity) return true;
    return false;
  }

  publish(events: readonly ChangeEvent[]): void {
    for (const event of events) {
      for (const source of this.sources) if ((source.entity === ANY || source.entity === event.entity) && source.accepts(event)) source.queue.push(event);
    }
  }

  /** The events about `entity` (or any, with ANY) that `accepts` takes, from now until the stream is returned. */
  subscribe(entity: string, accepts: (event: ChangeEvent) => boolean = () => true): AsyncQueue<ChangeEvent> {
    const source: Source = { entity, accepts, queue: new AsyncQueue<ChangeEvent>(() => this.sources.delete(source)) };
    this.sources.add(source);
    return source.queue;
  }

  /** Resolves when every stream has handed on all it was given. */
  async idle(): Promise<void> {
    await Promise.all([...this.sources].map((s) => s.queue.idle()));
  }

  end(): void {
    for (const source of this.sources) source.queue.end();
  }
}
