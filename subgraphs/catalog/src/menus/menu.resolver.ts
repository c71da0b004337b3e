import { PUBLIC_TAG, type RequestContext } from '@nexara/kit';
import { Arg, Args, Ctx, Directive, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ImportMenuInput, PublishMenuArgs, UpdateMenuItemInput } from '../common/catalog.inputs';
import { CatalogSyncJobType, MenuItemType, MenuType } from '../common/catalog.types';
import type { MenuService } from './menu.service';

@Resolver(() => MenuType)
export class MenuResolver {
  constructor(private readonly service: MenuService) {}

  @Directive(PUBLIC_TAG)
  @Query(() => [MenuType], { description: "The acting tenant's menus, oldest first." })
  menus(@Ctx() context: RequestContext): Promise<MenuType[]> {
    return this.service.listMenus(context.identity);
  }

  @Query(() => MenuType, { description: 'One menu; NOT_FOUND if the tenant has none with that id.' })
  menu(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<MenuType> {
    return this.service.getMenu(context.identity, id);
  }

  @Directive(PUBLIC_TAG)
  @Mutation(() => MenuType, {
    description:
      'Imports a whole menu (or replaces one, by id). Validated as a whole: BAD_USER_INPUT names every path at fault ' +
      '(extensions.problems) and nothing is stored. Importing does not publish: see publishMenu.',
  })
  importMenu(
    @Arg('input', () => ImportMenuInput) input: ImportMenuInput,
    @Ctx() context: RequestContext,
  ): Promise<MenuType> {
    return this.service.importMenu(context.identity, input);
  }

  @Mutation(() => MenuItemType, { description: 'Changes one item (the menu counts a new version).' })
  updateMenuItem(
    @Arg('input', () => UpdateMenuItemInput) input: UpdateMenuItemInput,
    @Ctx() context: RequestContext,
  ): Promise<MenuItemType> {
    return this.service.updateMenuItem(context.identity, input);
  }

  @Mutation(() => [CatalogSyncJobType], {
    description: 'Queues the menu as it is now for each connection (one job per connection).',
  })
  publishMenu(@Args(() => PublishMenuArgs) args: PublishMenuArgs, @Ctx() context: RequestContext) {
    return this.service.publishMenu(context.identity, args.menuId, args.connectionIds ?? null);
  }
}
