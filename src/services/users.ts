import type { EntityManager } from '@mikro-orm/postgresql';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../auth/password.js';
import { Role, User } from '../entities/User.js';
import type { LoginLimiter } from '../auth/login-limiter.js';
import { LoginThrottledError, UnauthenticatedError } from '../errors.js';
import { escapeLike } from '../query/sql.js';
import type { CreateUserInput } from '../types/user-inputs.js';
import { created, recordAudit, type Actor, type Changes } from './audit.js';

// Emails are unique case-insensitively (app_user_email_lower_unique), so they match that way too.
const byEmail = (email: string) => ({ email: { $ilike: escapeLike(email.trim()) } });

export interface LoginGuard {
  limiter: LoginLimiter;
  ip: string;
}

export async function createUser(em: EntityManager, actor: Actor, input: CreateUserInput): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return em.transactional(async (tx) => {
    const user = tx.create(User, { email: input.email.trim(), passwordHash, role: input.role });
    await tx.flush();
    recordAudit(tx, actor, { action: 'createUser', entity: 'User', entityId: user.id, changes: created({ email: user.email, role: user.role }) });
    return user;
  });
}

async function checkPassword(em: EntityManager, email: string, password: string): Promise<User | null> {
  const user = await em.findOne(User, byEmail(email));
  if (!user) {
    await burnPasswordCheck(password);
    return null;
  }
  return (await verifyPassword(password, user.passwordHash)) ? user : null;
}

/**
 * The user with this email and password, or UNAUTHENTICATED: the same message and about the
 * same time for an unknown email and a wrong password; refused outright while throttled.
 */
export async function login(em: EntityManager, guard: LoginGuard, email: string, password: string): Promise<User> {
  const wait = guard.limiter.retryAfter(email, guard.ip);
  if (wait > 0) throw new LoginThrottledError(wait);
  const user = await checkPassword(em, email, password);
  if (!user) {
    guard.limiter.fail(email, guard.ip);
    throw new UnauthenticatedError('Wrong email or password');
  }
  guard.limiter.succeed(email, guard.ip);
  await em.transactional(async (tx) => {
    recordAudit(tx, { id: user.id }, { action: 'login', entity: 'User', entityId: user.id, changes: null });
  });
  return user;
}

/**
 * Makes sure an ADMIN with this email exists and signs in with this password (ADMIN_EMAIL /
 * ADMIN_PASSWORD at boot). Idempotent: nothing is written when all is already so.
 */
export async function ensureAdmin(em: EntityManager, email: string, password: string): Promise<'created' | 'updated' | 'unchanged'> {
  const existing = await em.findOne(User, byEmail(email));
  if (existing && existing.role === Role.ADMIN && (await verifyPassword(password, existing.passwordHash))) return 'unchanged';
  const passwordHash = await hashPassword(password);
  return em.transactional(async (tx) => {
    const user = existing ? await tx.findOne(User, existing.id) : null;
    if (user) {
      const roleChange: Changes = user.role === Role.ADMIN ? {} : { role: { from: user.role, to: Role.ADMIN } };
      Object.assign(user, { passwordHash, role: Role.ADMIN });
      recordAudit(tx, null, { action: 'ensureAdmin', entity: 'User', entityId: user.id, changes: { ...roleChange, password: { from: '[changed]', to: '[changed]' } } });
      return 'updated';
    }
    const admin = tx.create(User, { email: email.trim(), passwordHash, role: Role.ADMIN });
    await tx.flush();
    recordAudit(tx, null, { action: 'ensureAdmin', entity: 'User', entityId: admin.id, changes: created({ email: admin.email, role: admin.role }) });
    return 'created';
  });
}
