import type { Config } from '../config.js';
import type { AuthUser } from './auth-user.js';
import { UnauthenticatedError } from '../errors.js';
import { resolveJwtSecret } from './jwt-secret.js';
import { LoginLimiter } from './login-limiter.js';
import { TokenService } from './tokens.js';

/** The process-wide pieces of sign-in: token signing/checking and the failed-login brake. */
export interface AuthKit {
  tokens: TokenService;
  limiter: LoginLimiter;
}

export async function createAuthKit(config: Config): Promise<AuthKit> {
  return {
    tokens: new TokenService(await resolveJwtSecret(config), config.jwtTtl),
    limiter: new LoginLimiter(config.login.maxFailures, config.login.lockoutSeconds),
  };
}

/**
 * The user named by an `Authorization: Bearer <token>` header; null without one. A header that
 * is present but not a valid bearer token is refused outright (as Hasura and PostGraphile do),
 * even for a public query, so a client never silently runs with less than it asked for.
 */
export async function userFromHeader(kit: AuthKit, header: string | undefined): Promise<AuthUser | null> {
  if (header === undefined || header.trim() === '') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>"', 401);
  return kit.tokens.verify(match[1]);
}
