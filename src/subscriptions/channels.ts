import {
  createSourceEventStream,
  execute,
  print,
  type DocumentNode,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import type { Context } from '../context.js';
import { AsyncQueue } from './async-queue.js';
import type { ChangeEvent } from './change-event.js';
import type { SubscriptionContext } from './subscription-context.js';

// A subscriber this many events behind (a client not reading) is dropped rather than buffered without end.
const MAX_BEHIND = 1000;

export interface Operation {
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
}

export interface ChannelDeps {
  schema: GraphQLSchema;
  /** A fresh context (new DataLoaders) for one run of an operation, as `subscriber` would get. */
  contextFor: (subscriber: SubscriptionContext, runId: string) => Context & SubscriptionContext;
  format: (errors: readonly GraphQLError[]) => FormattedExecutionResult['errors'];
}

type RunContext = (subscriber: SubscriptionContext) => Context & SubscriptionContext;

/** Subscribers of one distinct (document, variables, role): their selection runs once per event. */
class Channel {
  readonly members = new Set<AsyncQueue<FormattedExecutionResult>>();
  /** Results handed on so far: runs overlap, but their results leave in event (commit) order. */
  private handed: Promise<void> = Promise.resolve();

  constructor(
    readonly key: string,
    private readonly operation: Operation,
    private readonly subscriber: SubscriptionContext,
    readonly source: AsyncIterator<ChangeEvent> & { idle?: () => Promise<void> },
    private readonly deps: ChannelDeps,
    private readonly contextFor: RunContext,
    private readonly closed: (channel: Channel) => void,
  ) {}

  private async execute(event: ChangeEvent): Promise<FormattedExecutionResult> {
    const result = (await execute({
      schema: this.deps.schema,
      document: this.operation.document,
      operationName: this.operation.operationName,
      variableValues: this.operation.variableValues,
      rootValue: event,
      contextValue: this.contextFor(this.subscriber),
    })) as ExecutionResult;
    return result.errors ? { data: result.data, errors: this.deps.format(result.errors) } : { data: result.data };
  }

  async run(): Promise<void> {
    try {
      // Events already queued are taken in the same turn, so their runs share a context and their re-reads batch.
      for (let step = await this.source.next(); !step.done; step = await this.source.next()) {
        // What to do once it is this event's turn (a failed run ends the subscriptions, as before).
        const hand = this.execute(step.value).then(
          (sent) => () => this.members.forEach((member) => member.push(sent)),
          (err: unknown) => () => this.members.forEach((member) => member.end(err)),
        );
        this.handed = this.handed.then(() => hand).then((act) => act());
      }
      await this.handed;
      for (const member of this.members) member.end();
    } catch (err) {
      for (const member of this.members) member.end(err);
    } finally {
      this.closed(this);
    }
  }

  /** Resolves when the results of the events taken so far have been handed to the subscribers. */
  settled(): Promise<void> {
    return this.handed;
  }

  leave(member: AsyncQueue<FormattedExecutionResult>): void {
    this.members.delete(member);
    if (this.members.size === 0) {
      this.closed(this);
      void this.source.return?.();
    }
  }
}

/**
 * Groups subscriptions by what they would receive, so an event is re-read once per distinct
 * (document, variables, role) however many clients subscribed with it; never once per client.
 * Roles are part of the key because the auth checker decides by role alone.
 */
export class Channels {
  private readonly opening = new Map<string, Promise<Channel | FormattedExecutionResult>>();
  private readonly opened = new Map<string, Channel>();
  /** Per role, the context of the runs started in this turn of the event loop (see `contextFor`). */
  private readonly burst = new Map<string, Context & SubscriptionContext>();
  private bursts = 0;

  constructor(private readonly deps: ChannelDeps) {}

  /**
   * One context, so one set of DataLoaders, per role for all runs started in the same turn: the events
   * of a burst of notices, across every channel, re-read what they select with one `= ANY` statement
   * per entity instead of one per event and channel (which competed with the mutations for the pool).
   * A role is what the auth checker decides by, as in the channel key.
   */
  private contextFor(subscriber: SubscriptionContext): Context & SubscriptionContext {
    const role = subscriber.user?.role ?? '';
    let context = this.burst.get(role);
    if (!context) {
      if (this.burst.size === 0) setImmediate(() => this.burst.clear());
      context = this.deps.contextFor(subscriber, `burst-${++this.bursts}`);
      this.burst.set(role, context);
    }
    return context;
  }

  /** Distinct operations being run. */
  get size(): number {
    return this.opened.size;
  }

  /** A stream of results for this subscriber, or the errors that refuse its operation. */
  async join(
    operation: Operation,
    subscriber: SubscriptionContext,
    onLeave: () => void,
  ): Promise<AsyncQueue<FormattedExecutionResult> | FormattedExecutionResult> {
    const key = JSON.stringify([subscriber.user?.role ?? null, operation.operationName ?? null, operation.variableValues ?? {}, print(operation.document)]);
    let channel: Channel | FormattedExecutionResult | undefined = this.opened.get(key);
    if (!channel) {
      let opening = this.opening.get(key);
      if (!opening) {
        opening = this.start(key, operation, subscriber).finally(() => this.opening.delete(key));
        this.opening.set(key, opening);
      }
      channel = await opening;
    }
    if (!(channel instanceof Channel)) return channel;
    const member: AsyncQueue<FormattedExecutionResult> = new AsyncQueue(
      () => {
        channel.leave(member);
        onLeave();
      },
      MAX_BEHIND,
      () => new Error(`Subscriber fell more than ${MAX_BEHIND} events behind`),
    );
    channel.members.add(member);
    return member;
  }

  private async start(key: string, operation: Operation, subscriber: SubscriptionContext): Promise<Channel | FormattedExecutionResult> {
    const stream = await createSourceEventStream({
      schema: this.deps.schema,
      document: operation.document,
      operationName: operation.operationName,
      variableValues: operation.variableValues,
      contextValue: this.deps.contextFor(subscriber, `${key.length}:0`),
    });
    if (!(Symbol.asyncIterator in stream)) return { errors: this.deps.format(stream.errors ?? []) };
    const runContext: RunContext = (s) => this.contextFor(s);
    const channel = new Channel(key, operation, subscriber, stream as unknown as Channel['source'], this.deps, runContext, (c) => {
      if (this.opened.get(c.key) === c) this.opened.delete(c.key);
    });
    this.opened.set(key, channel);
    void channel.run();
    return channel;
  }

  /** Resolves when every event received so far has been run and handed to its subscribers' sockets. */
  async idle(): Promise<void> {
    const channels = [...this.opened.values()];
    await Promise.all(channels.map((c) => c.source.idle?.()));
    await Promise.all(channels.map((c) => c.settled()));
    await Promise.all(channels.flatMap((c) => [...c.members].map((m) => m.idle())));
  }
}
