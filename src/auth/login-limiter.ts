import { createHash } from 'node:crypto';

/**
 * Where failed-login counters live: PostgreSQL in the app (PgLockoutStore, src/auth/pg-lockout-store.ts),
 * so every instance behind a load balancer counts the same failures and a restart forgets none;
 * in memory for unit tests. Keys are fixed-size hashes, so what a client sends never sets the
 * size of an entry.
 */
export interface LockoutStore {
  /** When the key's lock ends (ms since the epoch), or 0. */
  lockedUntil(key: string): Promise<number>;
  /** Counts one more failure of `key` at `now`, atomically; a count idle for FORGET_AFTER_MS starts again. Returns the count. */
  countFailure(key: string, now: number): Promise<number>;
  /** Locks `key` until `until` (never shortens a lock another instance set). */
  lock(key: string, until: number): Promise<void>;
  delete(key: string): Promise<void>;
}

interface Attempts {
  failures: number;
  lockedUntil: number;
  lastFailure: number;
}

/** A counter idle for this long is forgotten (and swept). */
export const FORGET_AFTER_MS = 60 * 60 * 1000;
const MAX_LOCK_MS = 15 * 60 * 1000;

/** At most `maxKeys` counters; the least recently failed (or older than an hour) go first. */
export class MemoryLockoutStore implements LockoutStore {
  private readonly entries = new Map<string, Attempts>();

  constructor(
    private readonly maxKeys: number,
    private readonly now: () => number = Date.now,
  ) {}

  async lockedUntil(key: string): Promise<number> {
    return this.entries.get(key)?.lockedUntil ?? 0;
  }

  async countFailure(key: string, now: number): Promise<number> {
    const old = this.entries.get(key);
    const entry = old && now - old.lastFailure < FORGET_AFTER_MS ? old : { failures: 0, lockedUntil: old?.lockedUntil ?? 0, lastFailure: now };
    entry.failures++;
    entry.lastFailure = now;
    this.entries.delete(key);
    this.entries.set(key, entry);
    for (const [oldest, e] of this.entries) {
      if (this.entries.size <= this.maxKeys && this.now() - e.lastFailure < FORGET_AFTER_MS) break;
      this.entries.delete(oldest);
    }
    return entry.failures;
  }

  async lock(key: string, until: number): Promise<void> {
    const entry = this.entries.get(key);
    if (entry) entry.lockedUntil = Math.max(entry.lockedUntil, until);
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Who a sign-in is for, as one key whatever the spelling: the id of the user PostgreSQL
 * matched (so `admİn@…`, `ADMIN@…` and `admin@…` are one account), or else the email folded
 * the way case-insensitive matching folds it.
 */
export function signInSubject(userId: number | null, email: string): string {
  return userId !== null ? `user:${userId}` : `email:${email.trim().normalize('NFKC').toLowerCase()}`;
}

/**
 * Brake on password guessing, per sign-in subject + client IP. After `maxFailures` failed
 * logins in a row the pair is locked for `lockoutSeconds`, doubling with each further failure
 * (at most 15 minutes); a successful login clears it.
 */
export class LoginLimiter {
  constructor(
    private readonly maxFailures: number,
    private readonly lockoutSeconds: number,
    private readonly store: LockoutStore,
    private readonly now: () => number = Date.now,
  ) {}

  private key(subject: string, ip: string): string {
    return createHash('sha256').update(subject).update('\0').update(ip).digest('base64url');
  }

  /** Seconds to wait before this pair may try again, or 0. */
  async retryAfter(subject: string, ip: string): Promise<number> {
    const left = (await this.store.lockedUntil(this.key(subject, ip))) - this.now();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  async fail(subject: string, ip: string): Promise<void> {
    const key = this.key(subject, ip);
    const now = this.now();
    const failures = await this.store.countFailure(key, now);
    if (failures >= this.maxFailures) {
      await this.store.lock(key, now + Math.min(this.lockoutSeconds * 1000 * 2 ** (failures - this.maxFailures), MAX_LOCK_MS));
    }
  }

  async succeed(subject: string, ip: string): Promise<void> {
    await this.store.delete(this.key(subject, ip));
  }
}
