import { TooManyRequestsError } from '../errors.js';

export interface HashBudgetLimits {
  hashesInFlight: number;
  hashesPerIp: number;
  hashQueue: number;
  hashQueuePerIp: number;
}

interface Waiter {
  start: () => void;
}

/**
 * How many password hashes (scrypt: ~0.5 s of a core and 128 MiB each) run at once, overall
 * and per client address. Over that a sign-in waits its turn, the address that started a hash
 * longest ago going first, so one flooding address cannot push others back by more than one hash; when
 * the waiting room is full it is refused with TOO_MANY_REQUESTS before any work. Nothing else
 * (queries, writes) waits on this.
 */
export class HashBudget {
  private running = 0;
  private waiting = 0;
  private readonly runningByIp = new Map<string, number>();
  private readonly queues = new Map<string, Waiter[]>();
  /** When each address with work running or waiting last started a hash: the longest unserved goes next. */
  private readonly lastStarted = new Map<string, number>();
  private starts = 0;

  constructor(private readonly limits: HashBudgetLimits) {}

  async run<T>(ip: string, work: () => Promise<T>): Promise<T> {
    if (!this.canStart(ip)) await this.enqueue(ip);
    else this.take(ip);
    try {
      return await work();
    } finally {
      this.release(ip);
    }
  }

  private canStart(ip: string): boolean {
    return this.running < this.limits.hashesInFlight && (this.runningByIp.get(ip) ?? 0) < this.limits.hashesPerIp;
  }

  private take(ip: string): void {
    this.running++;
    this.runningByIp.set(ip, (this.runningByIp.get(ip) ?? 0) + 1);
    this.lastStarted.set(ip, ++this.starts);
  }

  private enqueue(ip: string): Promise<void> {
    const queue = this.queues.get(ip) ?? [];
    if (this.waiting >= this.limits.hashQueue || queue.length >= this.limits.hashQueuePerIp) throw new TooManyRequestsError(1);
    this.queues.set(ip, queue);
    if (!this.lastStarted.has(ip)) this.lastStarted.set(ip, 0);
    this.waiting++;
    return new Promise((resolve) => queue.push({ start: resolve }));
  }

  private release(ip: string): void {
    this.running--;
    const left = (this.runningByIp.get(ip) ?? 1) - 1;
    if (left > 0) this.runningByIp.set(ip, left);
    else this.runningByIp.delete(ip);
    let next: string | undefined;
    for (const candidate of this.queues.keys()) {
      if (this.canStart(candidate) && (next === undefined || this.lastStarted.get(candidate)! < this.lastStarted.get(next)!)) next = candidate;
    }
    if (next !== undefined) {
      const queue = this.queues.get(next)!;
      const waiter = queue.shift()!;
      if (queue.length === 0) this.queues.delete(next);
      this.waiting--;
      this.take(next);
      waiter.start();
    }
    if (!this.runningByIp.has(ip) && !this.queues.has(ip)) this.lastStarted.delete(ip);
  }
}
