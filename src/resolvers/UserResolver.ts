import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { actorOf } from '../auth/auth-checker.js';
import { issueToken } from '../auth/auth-kit.js';
import { Role, User } from '../entities/User.js';
import { UserModel } from '../query/model.js';
import { changePassword, createUser, deleteUser, login, updateUserRole, type LoginGuard } from '../services/users.js';
import { AuthPayload } from '../types/auth.js';
import { ChangePasswordInput, CreateUserInput } from '../types/user-inputs.js';
import { parseId } from '../validation/ids.js';

const guardOf = (ctx: Context): LoginGuard => ({ limiter: ctx.auth.limiter, hashes: ctx.auth.hashes, ip: ctx.ip });

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user; null when not signed in.' })
  async me(@Ctx() ctx: Context): Promise<User | null> {
    return ctx.user ? ctx.loaders.byId<User>(UserModel).load(ctx.user.id) : null;
  }

  @Mutation(() => AuthPayload, {
    description: 'Anyone. UNAUTHENTICATED for a wrong email or password; TOO_MANY_REQUESTS (HTTP 429) when too many sign-ins wait.',
  })
  async login(@Arg('email', () => String) email: string, @Arg('password', () => String) password: string, @Ctx() ctx: Context): Promise<AuthPayload> {
    const user = await login(ctx.em, guardOf(ctx), email, password);
    return { token: await issueToken(ctx.auth, user), user };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, { description: 'ADMIN only.' })
  createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: Context): Promise<User> {
    return createUser(ctx.em, actorOf(ctx), input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, { description: "ADMIN only. The user's existing tokens carry the new role from their next request on." })
  updateUserRole(@Arg('id', () => ID) id: string, @Arg('role', () => Role) role: Role, @Ctx() ctx: Context): Promise<User> {
    return updateUserRole(ctx.em, ctx.auth.users, actorOf(ctx), parseId(id), role);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ID, { description: "ADMIN only. The user's tokens stop working at once; audit entries keep their id and email." })
  async deleteUser(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<string> {
    return String(await deleteUser(ctx.em, ctx.auth.users, actorOf(ctx), parseId(id)));
  }

  @Authorized()
  @Mutation(() => AuthPayload, { description: 'Any signed-in user, for themselves. Every token issued before stops working; use the one returned.' })
  async changePassword(@Arg('input', () => ChangePasswordInput) input: ChangePasswordInput, @Ctx() ctx: Context): Promise<AuthPayload> {
    const { id } = actorOf(ctx);
    const user = await changePassword(ctx.em, ctx.auth.users, guardOf(ctx), id, input.currentPassword, input.newPassword);
    return { token: await issueToken(ctx.auth, user), user };
  }
}
