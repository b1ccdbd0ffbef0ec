import type { EntityManager } from '@mikro-orm/postgresql';
import type { CurrentUsers } from '../auth/current-users.js';
import type { HashBudget } from '../auth/hash-budget.js';
import { signInSubject, type LoginLimiter } from '../auth/login-limiter.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../auth/password.js';
import { Role, User } from '../entities/User.js';
import { BadUserInputError, LoginThrottledError, NotFoundError, UnauthenticatedError } from '../errors.js';
import { escapeLike } from '../query/sql.js';
import type { CreateUserInput } from '../types/user-inputs.js';
import { created, deleted, recordAudit, type Actor, type Changes } from './audit.js';

// Emails are unique case-insensitively (app_user_email_lower_unique), so they match that way too.
const byEmail = (email: string) => ({ email: { $ilike: escapeLike(email.trim()) } });

// RFC 5321's limit; nothing longer is stored (IsEmailAddress), so nothing longer is looked up.
const MAX_EMAIL = 254;

export interface LoginGuard {
  limiter: LoginLimiter;
  hashes: HashBudget;
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

/**
 * The user with this email and password, or UNAUTHENTICATED: the same message and about the
 * same time for an unknown email and a wrong password; refused outright while throttled, and
 * TOO_MANY_REQUESTS when too many password hashes are already waiting (see HashBudget).
 */
export async function login(em: EntityManager, guard: LoginGuard, email: string, password: string): Promise<User> {
  if (email.length > MAX_EMAIL) throw new BadUserInputError([{ path: 'email', message: `must be at most ${MAX_EMAIL} characters` }]);
  const user = await em.findOne(User, byEmail(email));
  const subject = signInSubject(user?.id ?? null, email);
  const wait = await guard.limiter.retryAfter(subject, guard.ip);
  if (wait > 0) throw new LoginThrottledError(wait);
  const ok = await guard.hashes.run(guard.ip, async () => {
    if (user) return verifyPassword(password, user.passwordHash);
    await burnPasswordCheck(password);
    return false;
  });
  if (!ok || !user) {
    await guard.limiter.fail(subject, guard.ip);
    throw new UnauthenticatedError('Wrong email or password');
  }
  await guard.limiter.succeed(subject, guard.ip);
  await em.transactional(async (tx) => {
    recordAudit(tx, { id: user.id }, { action: 'login', entity: 'User', entityId: user.id, changes: null });
  });
  return user;
}

/** A changed role applies to the user's existing tokens from their next request on. */
export async function updateUserRole(em: EntityManager, users: CurrentUsers, actor: Actor, id: number, role: Role): Promise<User> {
  const user = await em.transactional(async (tx) => {
    const found = await tx.findOne(User, id);
    if (!found) throw new NotFoundError('User', id);
    if (found.role !== role) {
      recordAudit(tx, actor, { action: 'updateUserRole', entity: 'User', entityId: id, changes: { role: { from: found.role, to: role } } });
      found.role = role;
    }
    return found;
  });
  users.forget(id);
  return user;
}

/** The user's tokens stop working at once; audit entries keep their id and email. */
export async function deleteUser(em: EntityManager, users: CurrentUsers, actor: Actor, id: number): Promise<number> {
  await em.transactional(async (tx) => {
    const found = await tx.findOne(User, id);
    if (!found) throw new NotFoundError('User', id);
    await tx.nativeDelete(User, { id });
    recordAudit(tx, actor, { action: 'deleteUser', entity: 'User', entityId: id, changes: deleted({ email: found.email, role: found.role }) });
  });
  users.forget(id);
  return id;
}

/**
 * A new password for the signed-in user, after checking the current one (a stolen token alone
 * cannot lock the owner out). Raises the token version: every older token stops working.
 */
export async function changePassword(em: EntityManager, users: CurrentUsers, guard: LoginGuard, userId: number, current: string, next: string): Promise<User> {
  const found = await em.findOne(User, userId);
  if (!found) throw new UnauthenticatedError();
  const subject = signInSubject(found.id, found.email);
  const wait = await guard.limiter.retryAfter(subject, guard.ip);
  if (wait > 0) throw new LoginThrottledError(wait);
  if (!(await guard.hashes.run(guard.ip, () => verifyPassword(current, found.passwordHash)))) {
    await guard.limiter.fail(subject, guard.ip);
    throw new BadUserInputError([{ path: 'input.currentPassword', message: 'is not the current password' }]);
  }
  const passwordHash = await guard.hashes.run(guard.ip, () => hashPassword(next));
  const user = await em.transactional(async (tx) => {
    const row = await tx.findOneOrFail(User, userId);
    Object.assign(row, { passwordHash, tokenVersion: row.tokenVersion + 1 });
    recordAudit(
      tx,
      { id: userId },
      { action: 'changePassword', entity: 'User', entityId: userId, changes: { password: { from: '[changed]', to: '[changed]' } } },
    );
    return row;
  });
  users.forget(userId);
  return user;
}

/**
 * Makes sure an ADMIN with this email exists and signs in with this password (ADMIN_EMAIL /
 * ADMIN_PASSWORD at boot). Idempotent: nothing is written when all is already so. A new
 * password raises the token version, so tokens issued under the old one stop working.
 */
export async function ensureAdmin(em: EntityManager, email: string, password: string): Promise<'created' | 'updated' | 'unchanged'> {
  const existing = await em.findOne(User, byEmail(email));
  if (existing && existing.role === Role.ADMIN && (await verifyPassword(password, existing.passwordHash))) return 'unchanged';
  const passwordHash = await hashPassword(password);
  return em.transactional(async (tx) => {
    const user = existing ? await tx.findOne(User, existing.id) : null;
    if (user) {
      const roleChange: Changes = user.role === Role.ADMIN ? {} : { role: { from: user.role, to: Role.ADMIN } };
      Object.assign(user, { passwordHash, role: Role.ADMIN, tokenVersion: user.tokenVersion + 1 });
      recordAudit(tx, null, {
        action: 'ensureAdmin',
        entity: 'User',
        entityId: user.id,
        changes: { ...roleChange, password: { from: '[changed]', to: '[changed]' } },
      });
      return 'updated';
    }
    const admin = tx.create(User, { email: email.trim(), passwordHash, role: Role.ADMIN });
    await tx.flush();
    recordAudit(tx, null, { action: 'ensureAdmin', entity: 'User', entityId: admin.id, changes: created({ email: admin.email, role: admin.role }) });
    return 'created';
  });
}
