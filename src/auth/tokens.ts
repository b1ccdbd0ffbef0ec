import { createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { Role } from '../entities/User.js';
import type { AuthUser } from './auth-user.js';
import { UnauthenticatedError } from '../errors.js';

const ISSUER = 'bookstore-api';
const ALGORITHM = 'HS256';

/** JWT_TTL as jose wants it: a bare number of seconds gets its unit. */
function ttl(value: string): string {
  return /^\d+$/.test(value) ? `${value}s` : value;
}

// Verified tokens remembered (until they expire), so a client's every request does not redo the HMAC.
const MAX_VERIFIED = 1000;

/** Signs and verifies our HS256 access tokens; the algorithm is pinned on verify (no `none`, no RS/HS confusion). */
export class TokenService {
  private readonly key: KeyObject;
  private readonly verified = new Map<string, { user: AuthUser; expiresAt: number }>();

  constructor(secret: string, private readonly lifetime: string) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  sign(user: AuthUser): Promise<string> {
    return new SignJWT({ email: user.email, role: user.role })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(String(user.id))
      .setIssuer(ISSUER)
      .setAudience(ISSUER)
      .setIssuedAt()
      .setExpirationTime(ttl(this.lifetime))
      .sign(this.key);
  }

  /** The signed-in user, or UNAUTHENTICATED for anything expired, tampered, unsigned or malformed. */
  async verify(token: string): Promise<AuthUser> {
    const known = this.verified.get(token);
    if (known && Date.now() < known.expiresAt) return known.user;
    this.verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: [ALGORITHM], issuer: ISSUER, audience: ISSUER });
      const id = Number(payload.sub);
      const role = payload.role as Role;
      if (!Number.isInteger(id) || typeof payload.email !== 'string' || !Object.values(Role).includes(role)) throw new Error('bad claims');
      const user = { id, email: payload.email, role };
      if (this.verified.size >= MAX_VERIFIED) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { user, expiresAt: (payload.exp ?? 0) * 1000 });
      return user;
    } catch (err) {
      const expired = (err as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw new UnauthenticatedError(expired ? 'The token has expired; sign in again' : 'The token is not valid; sign in again', 401);
    }
  }
}
