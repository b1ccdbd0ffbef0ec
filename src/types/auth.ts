import { Field, ObjectType } from 'type-graphql';
import { User } from '../entities/User.js';

@ObjectType({ simpleResolvers: true, description: 'Send the token as `Authorization: Bearer <token>`.' })
export class AuthPayload {
  @Field(() => String) token!: string;
  @Field(() => User) user!: User;
}
