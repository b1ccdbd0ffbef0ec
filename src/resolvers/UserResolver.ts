import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { actorOf } from '../auth/auth-checker.js';
import { Role, User } from '../entities/User.js';
import { UserModel } from '../query/model.js';
import { createUser, login } from '../services/users.js';
import { AuthPayload } from '../types/auth.js';
import { CreateUserInput } from '../types/user-inputs.js';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user; null when not signed in.' })
  async me(@Ctx() ctx: Context): Promise<User | null> {
    return ctx.user ? ctx.loaders.byId<User>(UserModel).load(ctx.user.id) : null;
  }

  @Mutation(() => AuthPayload, { description: 'Anyone. UNAUTHENTICATED for a wrong email or password.' })
  async login(@Arg('email', () => String) email: string, @Arg('password', () => String) password: string, @Ctx() ctx: Context): Promise<AuthPayload> {
    const user = await login(ctx.em, { limiter: ctx.auth.limiter, ip: ctx.ip }, email, password);
    return { token: await ctx.auth.tokens.sign(user), user };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, { description: 'ADMIN only.' })
  createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: Context): Promise<User> {
    return createUser(ctx.em, actorOf(ctx), input);
  }
}
