/**
 * A push-driven async generator: the producer `push`es, one consumer pulls with for-await.
 * graphql-ws and graphql-js both stop a subscription by calling `return()`, which runs `onReturn`.
 */
export class AsyncQueue<T> implements AsyncGenerator<T, undefined> {
  private readonly buffer: T[] = [];
  private waiting?: { resolve: (r: IteratorResult<T, undefined>) => void; reject: (err: unknown) => void };
  private done = false;
  private failure?: unknown;
  private idleWaiters: (() => void)[] = [];

  /** `limit`: pushes beyond this many unconsumed items end the queue with `overflow()`'s error. */
  constructor(
    private readonly onReturn: () => void = () => undefined,
    private readonly limit = Infinity,
    private readonly overflow: () => Error = () => new Error('queue overflow'),
  ) {}

  get ended(): boolean {
    return this.done;
  }

  push(item: T): void {
    if (this.done) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve({ value: item, done: false });
      return;
    }
    if (this.buffer.length >= this.limit) return void this.end(this.overflow());
    this.buffer.push(item);
  }

  /** No more items: the consumer drains what is buffered, then stops (or gets `error`). */
  end(error?: unknown): void {
    if (this.done) return;
    this.done = true;
    this.failure = error;
    if (error !== undefined) this.buffer.length = 0;
    this.onReturn();
    this.settle();
  }

  /** Resolves once everything pushed so far has been taken and handled (the consumer asks for more) or the queue ended. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return (this.done && !this.buffer.length) || (this.buffer.length === 0 && this.waiting !== undefined);
  }

  private settle(): void {
    if (this.done && this.waiting && !this.buffer.length) {
      const { resolve, reject } = this.waiting;
      this.waiting = undefined;
      if (this.failure !== undefined) reject(this.failure);
      else resolve({ value: undefined, done: true });
    }
    if (this.isIdle()) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.buffer.length) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.done) {
      const failure = this.failure;
      this.failure = undefined;
      return failure !== undefined ? Promise.reject(failure) : Promise.resolve({ value: undefined, done: true });
    }
    const result = new Promise<IteratorResult<T, undefined>>((resolve, reject) => (this.waiting = { resolve, reject }));
    this.settle();
    return result;
  }

  return(): Promise<IteratorResult<T, undefined>> {
    this.buffer.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(err: unknown): Promise<IteratorResult<T, undefined>> {
    this.end();
    return Promise.reject(err);
  }

  [Symbol.asyncIterator](): AsyncGenerator<T, undefined> {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }
}
