import { SignJWT, jwtVerify } from 'jose';
import { Role } from '../entities/User.js';
import type { AuthUser } from '../context.js';
import { UnauthenticatedError } from '../errors.js';

const ISSUER = 'bookstore-api';
const ALGORITHM = 'HS256';

/** JWT_TTL as jose wants it: a bare number of seconds gets its unit. */
function ttl(value: string): string {
  return /^\d+$/.test(value) ? `${value}s` : value;
}

/** Signs and verifies our HS256 access tokens; the algorithm is pinned on verify (no `none`, no RS/HS confusion). */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(secret: string, private readonly lifetime: string) {
    this.key = new TextEncoder().encode(secret);
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
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: [ALGORITHM], issuer: ISSUER, audience: ISSUER });
      const id = Number(payload.sub);
      const role = payload.role as Role;
      if (!Number.isInteger(id) || typeof payload.email !== 'string' || !Object.values(Role).includes(role)) throw new Error('bad claims');
      return { id, email: payload.email, role };
    } catch (err) {
      const expired = (err as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw new UnauthenticatedError(expired ? 'The token has expired; sign in again' : 'The token is not valid; sign in again', 401);
    }
  }
}
