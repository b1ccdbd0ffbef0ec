import type { AuthUser } from './auth-user.js';
import type { Database } from '../db/database.js';
import type { Role } from '../entities/User.js';
import { mapDatabaseError, ServiceUnavailableError, UnauthenticatedError } from '../errors.js';
import { sql } from '../query/sql.js';
import { outsideRequestScope } from '../request-scope.js';

/** What a verified token says about its user: who, and which token version it was signed under. */
export interface TokenClaims {
  id: number;
  version: number;
}

interface Standing {
  user: AuthUser;
  version: number;
  until: number;
}

interface StandingRow {
  email: string;
  role: Role;
  token_version: number;
}

const MAX_USERS = 10_000;

/**
 * The user behind a token as the database has them NOW (role, email, token version), kept per
 * instance for `ttlMs`. The instance that changes a user forgets them at once; other instances
 * see the change within `ttlMs`. A token whose user is gone or whose version is stale (password
 * changed) is UNAUTHENTICATED; a changed role simply applies to the next request.
 */
export class CurrentUsers {
  private readonly standings = new Map<number, Standing>();
  private readonly loading = new Map<number, Promise<Standing | null>>();

  constructor(
    private readonly db: Database,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async current(claims: TokenClaims): Promise<AuthUser> {
    const cached = this.standings.get(claims.id);
    const standing = cached && this.now() < cached.until ? cached : await this.load(claims.id);
    if (!standing) throw new UnauthenticatedError('The user of this token no longer exists; sign in again', 401);
    if (standing.version !== claims.version) throw new UnauthenticatedError('The token was revoked (password changed); sign in again', 401);
    return standing.user;
  }

  /** A user just read or written by this instance (sign-in, a change): no need to read it again. */
  remember(user: AuthUser, version: number): void {
    this.standings.delete(user.id);
    if (this.standings.size >= MAX_USERS) this.standings.delete(this.standings.keys().next().value!);
    this.standings.set(user.id, { user: { id: user.id, email: user.email, role: user.role }, version, until: this.now() + this.ttlMs });
  }

  /** The user changed or was deleted: the next request with their token reads the row again. */
  forget(id: number): void {
    this.standings.delete(id);
  }

  // Concurrent requests of one user share one lookup, which belongs to none of them.
  private load(id: number): Promise<Standing | null> {
    let pending = this.loading.get(id);
    if (!pending) {
      pending = outsideRequestScope(() => this.read(id)).finally(() => this.loading.delete(id));
      this.loading.set(id, pending);
    }
    return pending;
  }

  private async read(id: number): Promise<Standing | null> {
    let rows: StandingRow[];
    try {
      rows = await this.db.query<StandingRow>(sql`SELECT email, role, token_version FROM app_user WHERE id = ${id}`);
    } catch (err) {
      // Without the database no token can be checked: the whole request is refused (503), not run anonymously.
      const mapped = mapDatabaseError(err);
      throw mapped instanceof ServiceUnavailableError ? new ServiceUnavailableError(mapped.message, 503) : (mapped ?? err);
    }
    if (rows.length === 0) {
      this.standings.delete(id);
      return null;
    }
    const { email, role, token_version: version } = rows[0];
    this.remember({ id, email, role }, version);
    return this.standings.get(id)!;
  }
}
