import { createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { Role } from '../entities/User.js';
import type { AuthUser } from './auth-user.js';
import { UnauthenticatedError } from '../errors.js';
import type { TokenClaims } from './current-users.js';

const ISSUER = 'bookstore-api';
const ALGORITHM = 'HS256';

/** JWT_TTL as jose wants it: a bare number of seconds gets its unit. */
function ttl(value: string): string {
  return /^\d+$/.test(value) ? `${value}s` : value;
}

// Verified tokens remembered (until they expire), so a client's every request does not redo the HMAC.
const MAX_VERIFIED = 1000;

/** A user as a token is signed for: `tokenVersion` is app_user.token_version (1 for a new user). */
export type TokenSubject = AuthUser & { tokenVersion?: number };

/**
 * Signs and verifies our HS256 access tokens; the algorithm is pinned on verify (no `none`, no
 * RS/HS confusion). A valid signature only says who the token was issued to and under which
 * token version: CurrentUsers decides whether that user still exists and what role they have now.
 */
export class TokenService {
  private readonly key: KeyObject;
  private readonly verified = new Map<string, { claims: TokenClaims; expiresAt: number }>();

  constructor(
    secret: string,
    private readonly lifetime: string,
  ) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  sign(user: TokenSubject): Promise<string> {
    return new SignJWT({ email: user.email, role: user.role, ver: user.tokenVersion ?? 1 })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(String(user.id))
      .setIssuer(ISSUER)
      .setAudience(ISSUER)
      .setIssuedAt()
      .setExpirationTime(ttl(this.lifetime))
      .sign(this.key);
  }

  /** Whose token this is, or UNAUTHENTICATED for anything expired, tampered, unsigned or malformed. */
  async verify(token: string): Promise<TokenClaims> {
    const known = this.verified.get(token);
    if (known && Date.now() < known.expiresAt) return known.claims;
    this.verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: [ALGORITHM], issuer: ISSUER, audience: ISSUER });
      const id = Number(payload.sub);
      const role = payload.role as Role;
      // Tokens signed before token versions existed carry no `ver`: they are version 1.
      const version = payload.ver ?? 1;
      if (!Number.isInteger(id) || typeof payload.email !== 'string' || !Object.values(Role).includes(role) || !Number.isInteger(version))
        throw new Error('bad claims');
      const claims = { id, version: version as number };
      if (this.verified.size >= MAX_VERIFIED) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { claims, expiresAt: (payload.exp ?? 0) * 1000 });
      return claims;
    } catch (err) {
      const expired = (err as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw new UnauthenticatedError(expired ? 'The token has expired; sign in again' : 'The token is not valid; sign in again', 401);
    }
  }
}
