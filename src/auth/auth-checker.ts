import type { AuthChecker } from 'type-graphql';
import type { Context } from '../context.js';
import { Role } from '../entities/User.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';

/** Who may run a mutation that changes bookstore data. */
export const WRITERS = [Role.ADMIN, Role.EDITOR];

/** type-graphql's check behind `@Authorized(...)`: no user is UNAUTHENTICATED, a user without the role is FORBIDDEN. */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  if (!context.user) throw new UnauthenticatedError();
  if (roles.length > 0 && !roles.includes(context.user.role)) throw new ForbiddenError();
  return true;
};

/** The signed-in user behind a guarded resolver (the guard has already run). */
export function actorOf(context: Context): { id: number } {
  if (!context.user) throw new UnauthenticatedError();
  return { id: context.user.id };
}
