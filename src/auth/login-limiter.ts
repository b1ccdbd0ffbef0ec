import { createHash } from 'node:crypto';

/** Failed sign-ins of one key, as a lockout store keeps them. */
export interface Attempts {
  failures: number;
  lockedUntil: number;
  lastFailure: number;
}

/**
 * Where failed-login counters live. In memory per process today (MemoryLockoutStore); a
 * multi-instance deployment would put them in PostgreSQL behind this same interface. Keys are
 * fixed-size hashes, so what a client sends never sets the size of an entry.
 */
export interface LockoutStore {
  get(key: string): Attempts | undefined;
  set(key: string, attempts: Attempts): void;
  delete(key: string): void;
}

const FORGET_AFTER_MS = 60 * 60 * 1000;
const MAX_LOCK_MS = 15 * 60 * 1000;

/** At most `maxKeys` counters; the least recently failed (or older than an hour) go first. */
export class MemoryLockoutStore implements LockoutStore {
  private readonly entries = new Map<string, Attempts>();

  constructor(
    private readonly maxKeys: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): Attempts | undefined {
    return this.entries.get(key);
  }

  set(key: string, attempts: Attempts): void {
    this.entries.delete(key);
    this.entries.set(key, attempts);
    const now = this.now();
    for (const [old, entry] of this.entries) {
      if (this.entries.size <= this.maxKeys && now - entry.lastFailure < FORGET_AFTER_MS) break;
      this.entries.delete(old);
    }
  }

  delete(key: string): void {
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
  retryAfter(subject: string, ip: string): number {
    const entry = this.store.get(this.key(subject, ip));
    const left = entry ? entry.lockedUntil - this.now() : 0;
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  fail(subject: string, ip: string): void {
    const key = this.key(subject, ip);
    const now = this.now();
    const entry = this.store.get(key) ?? { failures: 0, lockedUntil: 0, lastFailure: now };
    entry.failures++;
    entry.lastFailure = now;
    if (entry.failures >= this.maxFailures) {
      const lockMs = Math.min(this.lockoutSeconds * 1000 * 2 ** (entry.failures - this.maxFailures), MAX_LOCK_MS);
      entry.lockedUntil = now + lockMs;
    }
    this.store.set(key, entry);
  }

  succeed(subject: string, ip: string): void {
    this.store.delete(this.key(subject, ip));
  }
}
