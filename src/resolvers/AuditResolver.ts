import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import type { AuditEntryRoot } from './roots.js';
import { AuditEntry } from '../entities/AuditEntry.js';
import { Role, User } from '../entities/User.js';
import { AuditEntryModel, UserModel } from '../query/model.js';
import { rootPage } from '../query/pages.js';
import type { Page } from '../query/pagination.js';
import { AuditEntryFilter } from '../types/entity-filters.js';
import { AuditEntryPage } from '../types/pages.js';

@ArgsType()
class AuditLogArgs {
  @Field(() => AuditEntryFilter, { nullable: true }) filter?: AuditEntryFilter;
  @Field(() => Int, { nullable: true, defaultValue: 0, description: '0 or more.' }) offset!: number;
  @Field(() => Int, { nullable: true, defaultValue: 20, description: '0 to 100.' }) limit!: number;
}

// Ids grow with every insert, so id DESC is newest first with no ties.
const NEWEST_FIRST = [{ id: 'DESC' }];

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized(Role.ADMIN)
  @Query(() => AuditEntryPage, { description: 'ADMIN only. Newest first.' })
  auditLog(@Args(() => AuditLogArgs) args: AuditLogArgs, @Ctx() ctx: Context): Promise<Page<AuditEntry>> {
    return rootPage<AuditEntry>(ctx, AuditEntryModel, { ...args, orderBy: NEWEST_FIRST });
  }

  @FieldResolver(() => User, { nullable: true, description: 'null for changes made by the system (boot-time admin), and once that user is deleted.' })
  async actor(@Root() entry: AuditEntryRoot, @Ctx() ctx: Context): Promise<User | null> {
    return entry.actorId === null ? null : ctx.loaders.byId<User>(UserModel).load(entry.actorId);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Who acted, kept after that user is deleted; null for the system.' })
  actorId(@Root() entry: AuditEntryRoot): string | null {
    return entry.actorId === null ? null : String(entry.actorId);
  }
}
