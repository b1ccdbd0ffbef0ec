/**
 * Refusals held before they are written. A client that sends again as soon as it is refused
 * (ignoring retryAfterSeconds) made the server answer ~1,000 refusals a second, which took the
 * cores from everyone else (README "Limits and admission"); holding a refusal for the rest of the
 * client's wait costs a timer and an open socket instead, and paces such a client to one request
 * per wait. Bounded: past `max` held refusals, `hold` resolves at once (the refusal is answered
 * unheld, as before), and `release()` (shutdown) answers them all now, so a graceful shutdown
 * never waits for one.
 */
export class Tarpit {
  private readonly held = new Set<() => void>();
  private open = true;

  /** `capMs`: the longest hold (0: never hold); `max`: refusals held at once, overall. */
  constructor(
    private readonly capMs: number,
    private readonly max: number,
  ) {}

  /** Resolves after min(`ms`, capMs), or at once when it cannot hold; true when it held. */
  hold(ms: number): Promise<boolean> {
    const wait = Math.min(ms, this.capMs);
    if (wait <= 0 || !this.open || this.held.size >= this.max) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.held.delete(done);
        resolve(true);
      };
      const timer = setTimeout(done, wait);
      this.held.add(done);
    });
  }

  /** Refusals held now. */
  get size(): number {
    return this.held.size;
  }

  /** Shutdown: every held refusal is answered now, and later ones are not held. */
  release(): void {
    this.open = false;
    for (const done of [...this.held]) done();
  }
}
