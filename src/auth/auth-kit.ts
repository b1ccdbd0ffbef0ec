import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { AuthUser } from './auth-user.js';
import { UnauthenticatedError } from '../errors.js';
import { CurrentUsers } from './current-users.js';
import { HashBudget } from './hash-budget.js';
import { resolveJwtSecret } from './jwt-secret.js';
import { LoginLimiter } from './login-limiter.js';
import { PgLockoutStore } from './pg-lockout-store.js';
import { TokenService } from './tokens.js';

/** The process-wide pieces of sign-in: tokens, who their users are now, and the brakes on guessing and hashing. */
export interface AuthKit {
  tokens: TokenService;
  users: CurrentUsers;
  limiter: LoginLimiter;
  hashes: HashBudget;
}

export async function createAuthKit(config: Config, db: Database): Promise<AuthKit> {
  return {
    tokens: new TokenService(await resolveJwtSecret(config), config.jwtTtl),
    users: new CurrentUsers(db, config.signIn.userCacheMs),
    limiter: new LoginLimiter(config.login.maxFailures, config.login.lockoutSeconds, new PgLockoutStore(db, config.signIn.lockoutMaxKeys)),
    hashes: new HashBudget(config.signIn),
  };
}

/**
 * The user named by an `Authorization: Bearer <token>` header, as they are now (role from the
 * database, token not revoked); null without one. Every path that serves a request calls this,
 * so none can trust a token without that check. A header that is present but not a valid
 * bearer token is refused outright (as Hasura and PostGraphile do), even for a public query, so
 * a client never silently runs with less than it asked for.
 */
export async function userFromHeader(kit: AuthKit, header: string | undefined): Promise<AuthUser | null> {
  if (header === undefined || header.trim() === '') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>"', 401);
  return kit.users.current(await kit.tokens.verify(match[1]));
}

/** A token for a user this instance just read or wrote, who is then known without another lookup. */
export function issueToken(kit: AuthKit, user: AuthUser & { tokenVersion: number }): Promise<string> {
  kit.users.remember(user, user.tokenVersion);
  return kit.tokens.sign(user);
}
