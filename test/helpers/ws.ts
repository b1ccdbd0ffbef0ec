import type { FormattedExecutionResult as ExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Subscription<T> {
  /** Every `next` payload so far. */
  results: ExecutionResult<T>[];
  /** Resolves once `count` results have arrived (fails after `ms`). */
  received(count: number, ms?: number): Promise<ExecutionResult<T>[]>;
  /** Resolves when the server ends the subscription: with its errors (an `error` message), or none. */
  ended: Promise<readonly unknown[] | undefined>;
  stop(): void;
}

/** The graphql-ws URL of a test server (`http://host:port` → `ws://host:port/graphql`). */
export const wsUrl = (base: string): string => `${base.replace(/^http/, 'ws')}/graphql`;

/** A graphql-ws client as a Node application would use it; `token` goes in connection_init. */
export function wsClient(
  base: string,
  token?: string,
  options: { retryAttempts?: number; onClosed?: (event: { code: number; reason: string; wasClean: boolean }) => void } = {},
): Client {
  return createClient({
    url: wsUrl(base),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: options.retryAttempts ?? 0,
    lazy: false,
    onNonLazyError: () => undefined, // tests look at close codes themselves
    on: options.onClosed ? { closed: (event) => options.onClosed!(event as { code: number; reason: string; wasClean: boolean }) } : undefined,
  });
}

export function subscribe<T = Record<string, unknown>>(client: Client, query: string, variables: Record<string, unknown> = {}): Subscription<T> {
  const results: ExecutionResult<T>[] = [];
  const waiters: (() => void)[] = [];
  let end!: (errors: readonly unknown[] | undefined) => void;
  const ended = new Promise<readonly unknown[] | undefined>((resolve) => (end = resolve));
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        results.push(value as ExecutionResult<T>);
        for (const wake of waiters.splice(0)) wake();
      },
      error: (err) => end(Array.isArray(err) ? err : [err]),
      complete: () => end(undefined),
    },
  );
  return {
    results,
    ended,
    stop,
    async received(count, ms = 15000) {
      const deadline = Date.now() + ms;
      while (results.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} results, got ${results.length}: ${JSON.stringify(results)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, left).unref();
        });
      }
      return results.slice(0, count);
    },
  };
}

/** Waits until the server has registered `count` subscriptions (graphql_subscriptions on /metrics). */
export async function subscriptionsOpen(base: string, count: number, ms = 15000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    // A server starved of CPU (many subscriptions being validated) can reset an idle keep-alive connection
    // as the next poll arrives: that is "not yet", not a failure.
    const text = await fetch(`${base}/metrics`).then(
      (r) => r.text(),
      () => '',
    );
    const value = Number(/^graphql_subscriptions (\S+)$/m.exec(text)?.[1] ?? -1);
    if (value === count) return;
    if (Date.now() > deadline) throw new Error(`graphql_subscriptions is ${value}, expected ${count}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
