import { AppError } from '../errors.js';

export type SubscriptionLimit = 'per_connection' | 'per_ip';

/** A subscription over SUBSCRIPTIONS_MAX_PER_CONNECTION or SUBSCRIPTIONS_MAX_PER_IP. */
export class SubscriptionLimitError extends AppError {
  constructor(rule: SubscriptionLimit, limit: number) {
    super(
      `Too many subscriptions ${rule === 'per_connection' ? 'on this connection' : 'from this address'} (the limit is ${limit})`,
      'TOO_MANY_SUBSCRIPTIONS',
      { rule, limit },
    );
  }
}
