import { Field, InputType } from 'type-graphql';
import { Role } from '../entities/User.js';
import { IsEmailAddress, IsPassword } from '../validation/rules.js';

@InputType()
export class CreateUserInput {
  @Field(() => String) @IsEmailAddress() email!: string;
  @Field(() => String) @IsPassword() password!: string;
  @Field(() => Role) role!: Role;
}

@InputType()
export class ChangePasswordInput {
  @Field(() => String) currentPassword!: string;
  @Field(() => String) @IsPassword() newPassword!: string;
}
