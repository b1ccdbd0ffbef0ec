import { Slots } from '../concurrency/slots.js';
import { TooManyRequestsError } from '../errors.js';

export interface HashBudgetLimits {
  hashesInFlight: number;
  hashesPerIp: number;
  hashQueue: number;
  hashQueuePerIp: number;
}

/**
 * How many password hashes (scrypt: ~0.5 s of a core and 128 MiB each) run at once, overall
 * and per client address. Over that a sign-in waits its turn (Slots: the address that started a
 * hash longest ago goes first, so one flooding address cannot push others back by more than one
 * hash); when the waiting room is full it is refused with TOO_MANY_REQUESTS before any work.
 * Nothing else (queries, writes) waits on this.
 */
export class HashBudget {
  private readonly slots: Slots;

  constructor(limits: HashBudgetLimits) {
    this.slots = new Slots(
      { total: limits.hashesInFlight, perKey: limits.hashesPerIp, queue: limits.hashQueue, queuePerKey: limits.hashQueuePerIp },
      () => new TooManyRequestsError(1),
    );
  }

  run<T>(ip: string, work: () => Promise<T>): Promise<T> {
    return this.slots.run(ip, work);
  }
}
