import { Entity, Enum, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum Role {
  ADMIN = 'ADMIN',
  EDITOR = 'EDITOR',
}
registerEnumType(Role, { name: 'Role' });

@ObjectType({ simpleResolvers: true, description: 'Someone who can sign in and change data.' })
@Entity({ tableName: 'app_user' })
@Unique({ name: 'app_user_email_lower_unique', expression: 'create unique index "app_user_email_lower_unique" on "app_user" (lower("email"))' })
export class User {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 254 })
  email!: string;

  @Property({ type: 'string', length: 255, hidden: true })
  passwordHash!: string;

  @Field(() => Role)
  @Enum({ items: () => Role, nativeEnumName: undefined })
  role!: Role;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  /** Raised by a password change: tokens signed under an older version stop working (src/auth/current-users.ts). */
  @Property({ type: 'integer', default: 1, hidden: true })
  tokenVersion: number & Opt = 1;
}
