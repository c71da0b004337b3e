import type { Role } from '@nexara/kit';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { LocaleEnum, RoleEnum, type Locale } from './user.entity';

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field({ description: 'Must not belong to any user of Nexara yet (case does not matter).' })
  email: string;

  @Field()
  name: string;

  @Field(() => RoleEnum, {
    description: 'MANAGER may create STAFF only; only a PLATFORM_ADMIN may create PLATFORM_ADMIN.',
  })
  role: Role;

  @Field({ description: 'At least 10 characters.' })
  password: string;
}

/** An args class keeps `id` before `role` in the schema. */
@ArgsType()
export class SetUserRoleArgs {
  @Field(() => ID)
  id: string;

  @Field(() => RoleEnum, { description: 'TENANT_ADMIN, MANAGER or STAFF; PLATFORM_ADMIN is not granted here.' })
  role: Role;
}

/** The signed-in user's own language choice. */
@ArgsType()
export class SetMyLocaleArgs {
  @Field(() => LocaleEnum)
  locale: Locale;

  @Field({ nullable: true, description: 'Arabic-Indic digits in Arabic; unchanged when omitted.' })
  arabicDigits?: boolean;
}
