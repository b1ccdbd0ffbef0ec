import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { OptOut } from '../query/registry/decorators.js';
import { User } from './User.js';

@ObjectType({ simpleResolvers: true, description: 'One successful mutation, written in the same transaction as the change.' })
@Entity()
export class AuditEntry {
  @Field(() => ID)
  @OptOut('filter')
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => Date)
  @Index()
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  at: Date & Opt = new Date();

  @Field(() => User, { nullable: true })
  // No foreign key: the entry keeps the actor's id after that user is deleted (as an audit trail must).
  @ManyToOne({ entity: () => User, nullable: true, createForeignKeyConstraint: false, index: 'audit_entry_actor_id_index' })
  actor?: Rel<User> | null;

  @Field(() => String, { nullable: true, description: "The actor's email when the entry was written (kept after the user is deleted); null for the system." })
  // Filled in by the database (trigger audit_entry_actor_email), so no writer can leave it out.
  @Property({ type: 'string', length: 254, nullable: true })
  actorEmail?: string | null;

  @Field(() => String)
  @Index()
  @Property({ type: 'string', length: 64 })
  action!: string;

  @Field(() => String)
  @Index()
  @Property({ type: 'string', length: 64 })
  entity!: string;

  @Field(() => ID, { nullable: true })
  @Index()
  @Property({ type: 'string', length: 64, nullable: true })
  entityId?: string | null;

  @Field(() => GraphQLJSON, { nullable: true })
  @Property({ type: 'json', nullable: true })
  changes?: Record<string, { from: unknown; to: unknown }> | null;
}
