import { ArgsType, Args, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
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

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => LoginPayload, {
    description: 'Signs in. Unknown email, wrong password and disabled account all give INVALID_CREDENTIALS.',
  })
  async login(@Args(() => LoginArgs) { email, password }: LoginArgs): Promise<LoginPayload> {
    return this.auth.login(email, password);
  }
}
