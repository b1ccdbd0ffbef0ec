/** The bounds of a `Slots`: places in use and places in the waiting room, overall and per key. */
export interface SlotLimits {
  /** Places in use at once, overall. */
  total: number;
  /** Places in use at once by one key (a client address). */
  perKey: number;
  /** Waiters overall; over that, `acquire` refuses at once. */
  queue: number;
  /** Waiters of one key. */
  queuePerKey: number;
  /** How long a waiter waits before it is refused; undefined: as long as it takes. */
  waitMs?: number;
}

export type Release = () => void;

interface Waiter {
  admit: () => void;
  refuse: () => void;
}

/**
 * A bounded number of places, overall and per key, with a bounded waiting room: the one
 * admission primitive of the sign-in hash budget and the expensive-query lane. A freed place
 * goes to the key that started least recently (first come first served within a key), so one
 * flooding key cannot push the others back by more than one place. Refusals are thrown as
 * `refusal()` makes them, so each user keeps its own error code.
 */
export class Slots {
  private running = 0;
  private waiting = 0;
  private readonly runningByKey = new Map<string, number>();
  private readonly queues = new Map<string, Waiter[]>();
  /** When each key with work running or waiting last started: the longest unserved goes next. */
  private readonly lastStarted = new Map<string, number>();
  private starts = 0;

  constructor(
    private readonly limits: SlotLimits,
    private readonly refusal: () => Error,
  ) {}

  /** Resolves to a release function (calling it twice frees one place) once a place is taken. */
  async acquire(key: string): Promise<Release> {
    if (this.fits(key)) this.take(key);
    else await this.wait(key);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(key);
    };
  }

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const release = await this.acquire(key);
    try {
      return await work();
    } finally {
      release();
    }
  }

  private fits(key: string): boolean {
    return this.running < this.limits.total && (this.runningByKey.get(key) ?? 0) < this.limits.perKey;
  }

  private take(key: string): void {
    this.running++;
    this.runningByKey.set(key, (this.runningByKey.get(key) ?? 0) + 1);
    this.lastStarted.set(key, ++this.starts);
  }

  private wait(key: string): Promise<void> {
    const queue = this.queues.get(key) ?? [];
    if (this.waiting >= this.limits.queue || queue.length >= this.limits.queuePerKey) throw this.refusal();
    this.queues.set(key, queue);
    if (!this.lastStarted.has(key)) this.lastStarted.set(key, 0);
    this.waiting++;
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = { admit: () => (clearTimeout(timer), resolve()), refuse: () => reject(this.refusal()) };
      if (this.limits.waitMs !== undefined) timer = setTimeout(() => this.drop(key, waiter), this.limits.waitMs);
      queue.push(waiter);
    });
  }

  /** A waiter whose time ran out leaves the waiting room, refused. */
  private drop(key: string, waiter: Waiter): void {
    const queue = this.queues.get(key)!;
    queue.splice(queue.indexOf(waiter), 1);
    this.waiting--;
    if (queue.length === 0) this.queues.delete(key);
    this.forgetIdle(key);
    waiter.refuse();
  }

  private release(key: string): void {
    this.running--;
    const left = (this.runningByKey.get(key) ?? 1) - 1;
    if (left > 0) this.runningByKey.set(key, left);
    else this.runningByKey.delete(key);
    let next: string | undefined;
    for (const candidate of this.queues.keys()) {
      if (this.fits(candidate) && (next === undefined || this.lastStarted.get(candidate)! < this.lastStarted.get(next)!)) next = candidate;
    }
    if (next !== undefined) {
      const queue = this.queues.get(next)!;
      const waiter = queue.shift()!;
      if (queue.length === 0) this.queues.delete(next);
      this.waiting--;
      this.take(next); // taken here, so no one else can take the place first
      waiter.admit();
    }
    this.forgetIdle(key);
  }

  private forgetIdle(key: string): void {
    if (!this.runningByKey.has(key) && !this.queues.has(key)) this.lastStarted.delete(key);
  }
}
