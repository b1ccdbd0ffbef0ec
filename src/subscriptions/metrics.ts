import { Counter, Gauge, type Registry } from 'prom-client';

/** The subscription series of `/metrics`, registered on the app's registry. */
export function subscriptionMetrics(registry: Registry, operations: () => number) {
  return {
    connections: new Gauge({ name: 'graphql_ws_connections', help: 'Open GraphQL WebSocket connections', registers: [registry] }),
    subscriptions: new Gauge({ name: 'graphql_subscriptions', help: 'Active GraphQL subscriptions', registers: [registry] }),
    operations: new Gauge({
      name: 'graphql_subscription_operations',
      help: 'Distinct (document, variables, role) run once per event for all their subscribers',
      registers: [registry],
      collect() {
        this.set(operations());
      },
    }),
    events: new Counter({ name: 'graphql_subscription_events_sent_total', help: 'Subscription results sent to clients', registers: [registry] }),
    refused: new Counter({
      name: 'graphql_ws_refused_total',
      help: 'WebSocket upgrades and subscriptions refused, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
  };
}

export type SubscriptionMetrics = ReturnType<typeof subscriptionMetrics>;
