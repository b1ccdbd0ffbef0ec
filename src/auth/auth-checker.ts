import type { AuthChecker } from 'type-graphql';
import type { Context } from '../context.js';
import type { AuthUser } from './auth-user.js';
import { Role } from '../entities/User.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';

/** Who may run a mutation that changes bookstore data. */
export const WRITERS = [Role.ADMIN, Role.EDITOR];

/** The rule behind `@Authorized(...)`: no user is UNAUTHENTICATED, a user without the role is FORBIDDEN; undefined when allowed. */
export function roleRefusal(user: AuthUser | null, roles: readonly string[]): UnauthenticatedError | ForbiddenError | undefined {
  if (!user) return new UnauthenticatedError();
  if (roles.length > 0 && !roles.includes(user.role)) return new ForbiddenError();
  return undefined;
}

/** type-graphql's check behind `@Authorized(...)` (the compiled mutation path applies the same roleRefusal). */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  const refusal = roleRefusal(context.user, roles);
  if (refusal) throw refusal;
  return true;
};

/** The signed-in user behind a guarded resolver (the guard has already run). */
export function actorOf(context: Context): { id: number } {
  if (!context.user) throw new UnauthenticatedError();
  return { id: context.user.id };
}
