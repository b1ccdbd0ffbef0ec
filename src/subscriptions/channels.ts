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

/** Subscribers of one distinct (document, variables, role): their selection runs once per event. */
class Channel {
  readonly members = new Set<AsyncQueue<FormattedExecutionResult>>();
  private runs = 0;

  constructor(
    readonly key: string,
    private readonly operation: Operation,
    private readonly subscriber: SubscriptionContext,
    readonly source: AsyncIterator<ChangeEvent> & { idle?: () => Promise<void> },
    private readonly deps: ChannelDeps,
    private readonly closed: (channel: Channel) => void,
  ) {}

  async run(): Promise<void> {
    try {
      for (let step = await this.source.next(); !step.done; step = await this.source.next()) {
        const event = step.value;
        const result = (await execute({
          schema: this.deps.schema,
          document: this.operation.document,
          operationName: this.operation.operationName,
          variableValues: this.operation.variableValues,
          rootValue: event,
          contextValue: this.deps.contextFor(this.subscriber, `${this.key.length}:${++this.runs}:${event.id}`),
        })) as ExecutionResult;
        const sent: FormattedExecutionResult = result.errors ? { data: result.data, errors: this.deps.format(result.errors) } : { data: result.data };
        for (const member of this.members) member.push(sent);
      }
      for (const member of this.members) member.end();
    } catch (err) {
      for (const member of this.members) member.end(err);
    } finally {
      this.closed(this);
    }
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

  constructor(private readonly deps: ChannelDeps) {}

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
    const channel = new Channel(key, operation, subscriber, stream as unknown as Channel['source'], this.deps, (c) => {
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
    await Promise.all(channels.flatMap((c) => [...c.members].map((m) => m.idle())));
  }
}
