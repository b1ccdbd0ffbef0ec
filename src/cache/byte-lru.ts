import { createHash } from 'node:crypto';
import type { DocumentNode } from 'graphql';

/** The key of a text in a cache: its SHA-256, so a key never holds (or pins) the text itself. */
export function textKey(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex');
}

const ENTRY_OVERHEAD = 160; // the Map entry, the 64-character key and the size record
const TOKEN_BYTES = 200; // a token of the retained token list plus its share of AST nodes

/**
 * What a parsed document holds on to: its source text (Location keeps `source.body`) and its
 * tokens and nodes. Counting only the AST (as Apollo's default cache does, via JSON.stringify,
 * which skips `loc`) let a 1 MB comment cost a few bytes: thousands of them filled the heap.
 */
export function documentBytes(document: DocumentNode): number {
  let tokens = 0;
  for (let token = document.loc?.startToken ?? null; token; token = token.next) tokens++;
  return 2 * (document.loc?.source.body.length ?? 0) + TOKEN_BYTES * tokens;
}

/** A least-recently-used map bounded by the bytes of its values (as `sizeOf` estimates them), not their count. */
export class ByteLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private used = 0;

  constructor(
    private readonly budget: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key); // re-inserted: Map order is recency order
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` unless it alone is over the budget; evicts the least recently used until it fits. */
  set(key: string, value: V): void {
    this.delete(key);
    const bytes = this.sizeOf(value) + ENTRY_OVERHEAD;
    if (bytes > this.budget) return;
    while (this.used + bytes > this.budget) this.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, bytes });
    this.used += bytes;
  }

  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.used -= entry.bytes;
    return true;
  }

  /** The asynchronous key-value interface Apollo Server wants for its `documentStore`. */
  asKeyValueCache() {
    return {
      get: async (key: string) => this.get(key),
      set: async (key: string, value: V) => this.set(key, value),
      delete: async (key: string) => this.delete(key),
    };
  }
}
