/**
 * Keys (client addresses) noted a moment ago, each for `ms` after its latest note. Bounded: past
 * `maxKeys` the key noted longest ago is forgotten first, so a flood of addresses costs memory
 * in proportion to `maxKeys`, not to the flood.
 */
export class Cooldown {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly ms: number,
    private readonly maxKeys = 10000,
  ) {}

  note(key: string): void {
    this.until.delete(key); // re-inserted last: Map keeps insertion order, the oldest note is first
    this.until.set(key, Date.now() + this.ms);
    if (this.until.size > this.maxKeys) this.until.delete(this.until.keys().next().value!);
  }

  /** Milliseconds left of the key's cooldown; 0 when it has none. */
  left(key: string): number {
    const until = this.until.get(key);
    if (until === undefined) return 0;
    const left = until - Date.now();
    if (left <= 0) this.until.delete(key);
    return Math.max(0, left);
  }
}
