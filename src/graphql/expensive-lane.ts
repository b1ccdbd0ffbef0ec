import type { Admission } from '../config.js';
import { LaneFullError } from '../errors.js';

interface Waiter {
  client: string;
  admit: () => void;
}

/**
 * Admission for expensive requests (cost of at least `expensiveCost`): at most `concurrency` run
 * at once, at most `perClient` of them from one client address. A request that finds no place
 * waits up to `waitMs`, first come first served, then is refused (TOO_MANY_REQUESTS). Cheap
 * requests never come here, so they keep the remaining database connections and cores.
 */
export class ExpensiveLane {
  private running = 0;
  private readonly byClient = new Map<string, number>();
  private readonly waiting: Waiter[] = [];
  // Requests refused on the compiled path: Apollo answers them next and must not wait again.
  private readonly refused = new WeakSet<object>();

  constructor(private readonly admission: Admission) {}

  isExpensive(cost: number): boolean {
    return cost >= this.admission.expensiveCost;
  }

  /** Resolves to a release function once the request may run; rejects with LaneFullError. */
  async enter(client: string, request?: object): Promise<() => void> {
    if (request && this.refused.has(request)) throw this.full();
    if (!this.fits(client)) {
      // Each client may queue as many as it may run: a flood waits in bounded numbers.
      if (this.waiting.filter((w) => w.client === client).length >= this.admission.perClient) return this.refuse(request);
      const admitted = await new Promise<boolean>((resolve) => {
        const waiter: Waiter = { client, admit: () => (clearTimeout(timer), resolve(true)) };
        const timer = setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          resolve(false);
        }, this.admission.waitMs);
        this.waiting.push(waiter);
      });
      if (!admitted) return this.refuse(request);
    } else {
      this.take(client);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.leave(client);
    };
  }

  private fits(client: string): boolean {
    return this.running < this.admission.concurrency && (this.byClient.get(client) ?? 0) < this.admission.perClient;
  }

  private take(client: string): void {
    this.running++;
    this.byClient.set(client, (this.byClient.get(client) ?? 0) + 1);
  }

  private leave(client: string): void {
    this.running--;
    const left = (this.byClient.get(client) ?? 1) - 1;
    if (left > 0) this.byClient.set(client, left);
    else this.byClient.delete(client);
    // The place goes to the first waiter that fits (taken here, so no one else can take it first).
    const next = this.waiting.findIndex((w) => this.fits(w.client));
    if (next < 0) return;
    const [waiter] = this.waiting.splice(next, 1);
    this.take(waiter.client);
    waiter.admit();
  }

  private refuse(request: object | undefined): never {
    if (request) this.refused.add(request);
    throw this.full();
  }

  private full(): LaneFullError {
    return new LaneFullError(this.admission.concurrency, this.admission.perClient);
  }
}
