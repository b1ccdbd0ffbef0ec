import type { Admission } from '../config.js';
import { Slots, type Release } from '../concurrency/slots.js';
import type { Tarpit } from '../concurrency/tarpit.js';
import { LaneFullError } from '../errors.js';

/**
 * Admission for expensive requests (cost of at least `expensiveCost`): at most `concurrency` run
 * at once, at most `perClient` of them from one client address, and each client may queue as many
 * as it may run, so a flood waits in bounded numbers. A request that finds no place waits up to
 * `waitMs`, then is refused (TOO_MANY_REQUESTS). Cheap requests never come here, so they keep the
 * remaining database connections and cores. A refusal is held by `tarpit` until the request has
 * waited its retryAfterSeconds: most are refused at once (the client's one queue place is taken),
 * and a client sending again at once would otherwise be refused as fast as the server can answer.
 */
export class ExpensiveLane {
  private readonly slots: Slots;
  // Requests refused on the compiled path: Apollo answers them next and must not wait again.
  private readonly refused = new WeakSet<object>();
  // Requests holding a place: a mixed query's resolver half runs under the place its compiled half took.
  private readonly holding = new WeakSet<object>();

  constructor(
    private readonly admission: Admission,
    private readonly tarpit?: Tarpit,
  ) {
    const { concurrency, perClient, waitMs } = admission;
    this.slots = new Slots({ total: concurrency, perKey: perClient, queue: Infinity, queuePerKey: perClient, waitMs }, () => this.full());
  }

  isExpensive(cost: number): boolean {
    return cost >= this.admission.expensiveCost;
  }

  /** Resolves to a release function once the request may run; rejects with LaneFullError. */
  async enter(client: string, request?: object): Promise<Release> {
    if (request && this.refused.has(request)) throw this.full();
    if (request && this.holding.has(request)) return () => undefined;
    const started = Date.now();
    let release: Release;
    try {
      release = await this.slots.acquire(client);
    } catch (err) {
      if (request) this.refused.add(request);
      if (err instanceof LaneFullError) await this.tarpit?.hold(Number(err.extensions.retryAfterSeconds) * 1000 - (Date.now() - started));
      throw err;
    }
    if (!request) return release;
    this.holding.add(request);
    return () => {
      this.holding.delete(request);
      release();
    };
  }

  private full(): LaneFullError {
    return new LaneFullError(this.admission.concurrency, this.admission.perClient);
  }
}
