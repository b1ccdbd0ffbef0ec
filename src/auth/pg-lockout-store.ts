import type { Database } from '../db/database.js';
import { sql } from '../query/sql.js';
import { FORGET_AFTER_MS, type LockoutStore } from './login-limiter.js';

// One sweep per this many failures counted here: cheap, and a flood sweeps as fast as it writes.
const SWEEP_EVERY = 100;

/**
 * Failed-login counters in PostgreSQL (table login_failure), shared by every instance and kept
 * across restarts. Keys are hashes of a fixed size; a sweep deletes counters idle past
 * FORGET_AFTER_MS whose lock has ended, and the oldest beyond `maxKeys`, so the table stays
 * bounded whatever a client sends. Always on the primary: a lock must be seen the moment it is set.
 */
export class PgLockoutStore implements LockoutStore {
  private counted = 0;

  constructor(
    private readonly db: Database,
    private readonly maxKeys: number,
  ) {}

  async lockedUntil(key: string): Promise<number> {
    const [row] = await this.db.query<{ until: number }>(sql`SELECT "locked_until_ms" AS "until" FROM "login_failure" WHERE "key" = ${key}`, 'primary');
    return row?.until ?? 0;
  }

  async countFailure(key: string, now: number): Promise<number> {
    // One statement, so two instances counting the same key at once both count.
    const [row] = await this.db.query<{ failures: number }>(
      sql`INSERT INTO "login_failure" AS f ("key", "failures", "last_failure_ms", "locked_until_ms") VALUES (${key}, 1, ${now}, 0)
ON CONFLICT ("key") DO UPDATE SET
  "failures" = CASE WHEN f."last_failure_ms" < ${now - FORGET_AFTER_MS} THEN 1 ELSE f."failures" + 1 END,
  "last_failure_ms" = greatest(f."last_failure_ms", ${now})
RETURNING "failures"`,
      'primary',
    );
    if (++this.counted % SWEEP_EVERY === 0) await this.sweep(now);
    return row.failures;
  }

  async lock(key: string, until: number): Promise<void> {
    await this.db.query(sql`UPDATE "login_failure" SET "locked_until_ms" = greatest("locked_until_ms", ${until}) WHERE "key" = ${key}`, 'primary');
  }

  async delete(key: string): Promise<void> {
    await this.db.query(sql`DELETE FROM "login_failure" WHERE "key" = ${key}`, 'primary');
  }

  async sweep(now: number): Promise<void> {
    await this.db.query(
      sql`DELETE FROM "login_failure" WHERE ("last_failure_ms" < ${now - FORGET_AFTER_MS} AND "locked_until_ms" < ${now})
  OR "key" IN (SELECT "key" FROM "login_failure" ORDER BY "last_failure_ms" DESC OFFSET ${this.maxKeys})`,
      'primary',
    );
  }
}
