import type { RequestContext } from '@nexara/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { User } from './user.entity';
import { CreateUserInput, SetMyLocaleArgs, SetUserRoleArgs } from './user.inputs';
import { UserService } from './user.service';

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly userService: UserService) {}

  @Query(() => User, { nullable: true, description: 'The signed-in user; null when nobody is signed in.' })
  async me(@Ctx() { identity }: RequestContext): Promise<User | null> {
    return this.userService.me(identity);
  }

  @Query(() => [User], { description: 'Users of the tenant you act in (TENANT_ADMIN, MANAGER).' })
  async users(@Ctx() { identity }: RequestContext): Promise<User[]> {
    return this.userService.listUsers(identity);
  }

  @Mutation(() => User, { description: 'TENANT_ADMIN (or MANAGER, for STAFF only). Duplicate email: CONFLICT.' })
  async createUser(@Arg('input') input: CreateUserInput, @Ctx() { identity }: RequestContext): Promise<User> {
    return this.userService.createUser(identity, input);
  }

  @Mutation(() => User, {
    description:
      'TENANT_ADMIN; a disabled user cannot sign in, and their sessions end within seconds. You cannot disable yourself.',
  })
  async disableUser(@Arg('id', () => ID) id: string, @Ctx() { identity }: RequestContext): Promise<User> {
    return this.userService.setDisabled(identity, id, true);
  }

  @Mutation(() => User, { description: 'TENANT_ADMIN. You cannot enable yourself (FORBIDDEN).' })
  async enableUser(@Arg('id', () => ID) id: string, @Ctx() { identity }: RequestContext): Promise<User> {
    return this.userService.setDisabled(identity, id, false);
  }

  @Mutation(() => User, {
    description:
      'TENANT_ADMIN: sets the role of another user of your tenant (TENANT_ADMIN, MANAGER or STAFF; never PLATFORM_ADMIN). ' +
      'You cannot change your own role, nor demote the last active TENANT_ADMIN (CONFLICT). ' +
      "Ends the user's sessions within seconds: they sign in again and work under the new role.",
  })
  async setUserRole(
    @Args(() => SetUserRoleArgs) { id, role }: SetUserRoleArgs,
    @Ctx() { identity }: RequestContext,
  ): Promise<User> {
    return this.userService.setRole(identity, id, role);
  }

  @Mutation(() => User, {
    description:
      'Any signed-in user: sets their own dashboard language (and digits), kept for their next sign-in anywhere.',
  })
  async setMyLocale(
    @Args(() => SetMyLocaleArgs) { locale, arabicDigits }: SetMyLocaleArgs,
    @Ctx() { identity }: RequestContext,
  ): Promise<User> {
    return this.userService.setMyLocale(identity, locale, arabicDigits);
  }

  @FieldResolver(() => Boolean, { description: 'A disabled user cannot sign in.' })
  disabled(@Root() user: User): boolean {
    return user.disabledAt !== null;
  }
}
