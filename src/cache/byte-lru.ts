import type { DocumentNode } from 'graphql';

/**
 * The cache key of a document text and its operation name: the text itself behind a
 * length-prefixed name, so two different pairs never share a key. Cheaper per request than a
 * hash of the text; the key's bytes count against the cache's budget like its value's.
 */
export function textKey(operationName: string, text: string): string {
  return `${operationName.length}:${operationName}${text}`;
}

const ENTRY_OVERHEAD = 96; // the Map entry and the size record (the key's characters are counted apart)
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
    const bytes = this.sizeOf(value) + ENTRY_OVERHEAD + 2 * key.length;
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
