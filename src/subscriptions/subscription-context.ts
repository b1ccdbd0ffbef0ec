import type { AuthUser } from '../auth/auth-user.js';
import type { ChangeFeed } from './feed.js';

/** What a WebSocket subscriber brings to the resolvers besides the usual Context. */
export interface SubscriptionContext {
  user: AuthUser | null;
  ip: string;
  feed: ChangeFeed;
}

/** The change feed of a subscription's context (the schema is built once, the feed is per app). */
export function feedOf(context: unknown): ChangeFeed {
  const feed = (context as Partial<SubscriptionContext>).feed;
  if (!feed) throw new Error('subscriptions are served over WebSocket only');
  return feed;
}
