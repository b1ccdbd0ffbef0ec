interface Attempts {
  failures: number;
  lockedUntil: number;
  lastFailure: number;
}

const MAX_KEYS = 10_000;
const FORGET_AFTER_MS = 60 * 60 * 1000;
const MAX_LOCK_MS = 15 * 60 * 1000;

/**
 * In-memory brake on password guessing, per email + client IP. After `maxFailures` failed
 * logins in a row the pair is locked for `lockoutSeconds`, doubling with each further failure
 * (at most 15 minutes); a successful login clears it. Per process: a restart forgets it.
 */
export class LoginLimiter {
  private readonly entries = new Map<string, Attempts>();

  constructor(private readonly maxFailures: number, private readonly lockoutSeconds: number, private readonly now: () => number = Date.now) {}

  private key(email: string, ip: string): string {
    return `${email.trim().toLowerCase()}|${ip}`;
  }

  /** Seconds to wait before this pair may try again, or 0. */
  retryAfter(email: string, ip: string): number {
    const entry = this.entries.get(this.key(email, ip));
    const left = entry ? entry.lockedUntil - this.now() : 0;
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  fail(email: string, ip: string): void {
    const key = this.key(email, ip);
    const now = this.now();
    const entry = this.entries.get(key) ?? { failures: 0, lockedUntil: 0, lastFailure: now };
    entry.failures++;
    entry.lastFailure = now;
    if (entry.failures >= this.maxFailures) {
      const lockMs = Math.min(this.lockoutSeconds * 1000 * 2 ** (entry.failures - this.maxFailures), MAX_LOCK_MS);
      entry.lockedUntil = now + lockMs;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.prune(now);
  }

  succeed(email: string, ip: string): void {
    this.entries.delete(this.key(email, ip));
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= MAX_KEYS && now - entry.lastFailure < FORGET_AFTER_MS) break;
      this.entries.delete(key);
    }
  }
}
