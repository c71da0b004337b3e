import type { RequestContext } from '@nexara/kit';
import { ArgsType, Args, Arg, Ctx, Directive, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { SessionService } from '../session/sessions';
import { User } from '../user/user.entity';
import { AuthService } from './auth.service';

@ObjectType('LoginPayload')
export class LoginPayload {
  @Field({ description: 'Send as "Authorization: Bearer <token>".' })
  token: string;

  @Field()
  expiresAt: Date;

  @Field(() => User)
  user: User;
}

/** An args class keeps `email` before `password` in the schema. */
@ArgsType()
export class LoginArgs {
  @Field()
  email: string;

  @Field()
  password: string;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field()
  currentPassword: string;

  @Field({ description: 'At least 10 characters.' })
  newPassword: string;
}

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
  ) {}

  @Mutation(() => LoginPayload, {
    description:
      'Signs in. Unknown email, wrong password and disabled account all give INVALID_CREDENTIALS. ' +
      'Too many attempts for one account or from one address: LOGIN_THROTTLED, with extensions.retryAfterSeconds.',
  })
  async login(
    @Args(() => LoginArgs) { email, password }: LoginArgs,
    @Ctx() { sourceAddress }: RequestContext,
  ): Promise<LoginPayload> {
    return this.auth.login(email, password, sourceAddress);
  }

  @Mutation(() => Boolean, {
    description:
      'Signs out: ends the session of the token this request carries, on every gateway within seconds ' +
      '(its open sockets close with 4401). False when there was no open session to end.',
  })
  async logout(@Ctx() { identity }: RequestContext): Promise<boolean> {
    return this.auth.logout(identity);
  }

  @Mutation(() => LoginPayload, {
    description:
      'Changes your own password (the current one is checked: INVALID_CREDENTIALS). Ends all your sessions, ' +
      'on every device, and returns a new one for this client.',
  })
  async changePassword(
    @Args(() => ChangePasswordArgs) { currentPassword, newPassword }: ChangePasswordArgs,
    @Ctx() { identity }: RequestContext,
  ): Promise<LoginPayload> {
    return this.auth.changePassword(identity, currentPassword, newPassword);
  }

  @Directive('@inaccessible')
  @Query(() => Boolean, {
    description:
      'Internal (service identity only, in the tenant the token names; the gateway): whether the session is open, ' +
      'unexpired and its user enabled.',
  })
  async sessionActive(@Arg('id', () => ID) id: string, @Ctx() { identity }: RequestContext): Promise<boolean> {
    return this.sessions.sessionActive(identity, id);
  }
}
