import { appError, inTenantTransaction, type Identity } from '@nexara/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { BranchConnection, BranchDirectory } from '../common/branch-directory';
import { audit } from '../common/audit';
import { catalogReader, catalogWriter, MENU_ROLES, type Actor } from '../common/catalog-access';
import {
  MENU_ITEM_COLUMNS,
  toMenu,
  toMenuItem,
  toSyncJob,
  type CategoryRow,
  type GroupRow,
  type MenuItemRow,
  type MenuRow,
} from '../common/catalog-rows';
import type { CatalogSyncJobType, MenuItemType, MenuType } from '../common/catalog.types';
import type { CatalogChanges } from '../events/catalog-changes';
import { queueSyncJobs } from '../sync/sync-queue';
import {
  describeProblems,
  isUuid,
  LIMITS,
  MenuValidator,
  validateMenu,
  type ImportMenuInput,
  type ImageInput,
  type LocalizedTextInput,
  type PriceOverrideInput,
  type ValidMenu,
} from '../common/menu-validation';

export type UpdateMenuItemRequest = {
  id: string;
  externalPosId?: string | null;
  name?: LocalizedTextInput | null;
  description?: LocalizedTextInput | null;
  price?: string | null;
  priceOverrides?: PriceOverrideInput[] | null;
  taxRate?: string | null;
  images?: ImageInput[] | null;
  containsAlcohol?: boolean | null;
};

const MENU_COLUMNS = 'id, name, description, currency, branch_ids, schedule, version, created_at, updated_at';

/** Menus: import (validated whole), read, edit one item, publish to connections. */
export class MenuService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: BranchDirectory,
    private readonly changes: CatalogChanges,
  ) {}

  async listMenus(identity: Identity): Promise<MenuType[]> {
    const { tenantId } = catalogReader(identity);
    return inTenantTransaction(this.dataSource, { tenantId }, async (manager) => {
      const rows = (await manager.query(
        `select ${MENU_COLUMNS} from catalog.menus where tenant_id = $1 order by created_at, id`,
        [tenantId],
      )) as MenuRow[];
      return this.withParts(manager, tenantId, rows);
    });
  }

  async getMenu(identity: Identity, id: string): Promise<MenuType> {
    return this.readMenu(catalogReader(identity).tenantId, id);
  }

  private async readMenu(tenantId: string, id: string): Promise<MenuType> {
    return inTenantTransaction(this.dataSource, { tenantId }, async (manager) => {
      const menu = await this.menuRow(manager, tenantId, id);
      return (await this.withParts(manager, tenantId, [menu]))[0]!;
    });
  }

  async importMenu(identity: Identity, input: ImportMenuInput): Promise<MenuType> {
    const actor = catalogWriter(identity, MENU_ROLES, 'catalog:write');
    const result = validateMenu(input);
    if ('problems' in result) {
      throw appError('BAD_USER_INPUT', describeProblems(result.problems), { problems: result.problems });
    }
    const menu = result.menu;
    await this.requireBranches(actor.tenantId, menu.branchIds);
    const id = await inTenantTransaction(this.dataSource, { tenantId: actor.tenantId }, async (manager) => {
      const menuId = await this.storeMenu(manager, actor, menu);
      await audit(
        manager,
        actor,
        menu.id ? 'MENU_REPLACED' : 'MENU_IMPORTED',
        { type: 'MENU', id: menuId },
        {
          items: menu.items.length,
          categories: menu.categories.length,
          modifierGroups: menu.modifierGroups.length,
          branchIds: menu.branchIds,
        },
      );
      return menuId;
    });
    return this.readMenu(actor.tenantId, id);
  }

  async updateMenuItem(identity: Identity, request: UpdateMenuItemRequest): Promise<MenuItemType> {
    const actor = catalogWriter(identity, MENU_ROLES, null);
    if (!isUuid(request.id)) throw appError('NOT_FOUND', `No menu item with id ${request.id} in your tenant.`);
    return inTenantTransaction(this.dataSource, { tenantId: actor.tenantId }, async (manager) => {
      const item = await this.itemRow(manager, actor.tenantId, request.id);
      const groups = (await manager.query(
        `select ref, id from catalog.modifier_groups where tenant_id = $1 and menu_id = $2`,
        [actor.tenantId, item.menu_id],
      )) as { ref: string; id: string }[];
      const groupIdByRef = new Map(groups.map((g) => [g.ref, g.id]));
      const v = new MenuValidator();
      const name = request.name ? v.text(request.name, 'name', LIMITS.itemName) : item.name;
      const description =
        request.description !== undefined
          ? v.optionalText(request.description, 'description', LIMITS.description)
          : item.description;
      const price = request.price != null ? v.price(request.price, item.currency, 'price') : Number(item.base_price);
      const overrides =
        request.priceOverrides != null
          ? request.priceOverrides.map((o, i) => {
              if (o.context != null && !groupIdByRef.has(o.context))
                v.problem(`priceOverrides[${i}].context`, `names no modifier group ("${o.context}")`);
              return {
                provider: o.provider ?? null,
                context: o.context ?? null,
                price: v.price(o.price, item.currency, `priceOverrides[${i}].price`),
              };
            })
          : item.price_overrides;
      const taxRate = request.taxRate !== undefined ? request.taxRate?.trim() || null : item.tax_rate;
      if (request.taxRate && !(/^\d{1,3}(\.\d{1,4})?$/.test(request.taxRate.trim()) && Number(request.taxRate) <= 100))
        v.problem('taxRate', 'must be a decimal percent from 0 to 100 (at most 4 decimals)');
      const images =
        request.images != null
          ? request.images.map((image, i) => {
              if (!/^https:\/\//.test(image.url)) v.problem(`images[${i}].url`, 'must be a public https:// URL');
              return { url: image.url, width: image.width ?? null, height: image.height ?? null };
            })
          : item.images;
      const externalPosId =
        request.externalPosId !== undefined ? request.externalPosId?.trim() || null : item.external_pos_id;
      if (v.problems.length) {
        throw appError(
          'BAD_USER_INPUT',
          `The item is not valid: ${v.problems.map((p) => `${p.path} ${p.message}`).join('; ')}. Nothing was changed.`,
          { problems: v.problems },
        );
      }
      await manager.query(
        `update catalog.menu_items
            set name = $3::jsonb, description = $4::jsonb, base_price = $5, price_overrides = $6::jsonb,
                tax_rate = $7::numeric, images = $8::jsonb, external_pos_id = $9, contains_alcohol = $10,
                updated_at = now()
          where tenant_id = $1 and id = $2`,
        [
          actor.tenantId,
          item.id,
          JSON.stringify(name),
          description ? JSON.stringify(description) : null,
          price,
          JSON.stringify(overrides),
          taxRate,
          JSON.stringify(images),
          externalPosId,
          request.containsAlcohol ?? item.contains_alcohol,
        ],
      );
      await manager.query(
        `update catalog.menus set version = version + 1, updated_at = now() where tenant_id = $1 and id = $2`,
        [actor.tenantId, item.menu_id],
      );
      await audit(
        manager,
        actor,
        'MENU_ITEM_UPDATED',
        { type: 'MENU_ITEM', id: item.id },
        {
          fields: Object.keys(request).filter((key) => key !== 'id'),
        },
      );
      return toMenuItem(await this.itemRow(manager, actor.tenantId, item.id));
    });
  }

  /**
   * Queues the menu, as it is now (its version), for every connection named
   * (each must serve one of the menu's branches) or, with none named, for
   * every connection of the menu's branches.
   */
  async publishMenu(
    identity: Identity,
    menuId: string,
    connectionIds: readonly string[] | null,
  ): Promise<CatalogSyncJobType[]> {
    const actor = catalogWriter(identity, MENU_ROLES, 'catalog:write');
    const menu = await inTenantTransaction(this.dataSource, { tenantId: actor.tenantId }, (manager) =>
      this.menuRow(manager, actor.tenantId, menuId),
    );
    const all = await this.directory.connections(actor.tenantId);
    const ofMenu = all.filter((c) => menu.branch_ids.includes(c.branchId));
    let chosen: BranchConnection[] = ofMenu;
    if (connectionIds) {
      chosen = connectionIds.map((id, index) => {
        const connection = ofMenu.find((c) => c.id === id.toLowerCase());
        if (!connection) {
          throw appError(
            all.some((c) => c.id === id.toLowerCase()) ? 'BAD_USER_INPUT' : 'NOT_FOUND',
            `connectionIds[${index}]: ${id} is not a connection of the menu's branches.`,
          );
        }
        return connection;
      });
    }
    const jobs = await inTenantTransaction(this.dataSource, { tenantId: actor.tenantId }, async (manager) => {
      // The version is read again under a lock, so the jobs name exactly the menu this transaction saw.
      const [{ version }] = (await manager.query(
        `select version from catalog.menus where tenant_id = $1 and id = $2 for share`,
        [actor.tenantId, menu.id],
      )) as [{ version: number }];
      const queued = [];
      for (const branchId of menu.branch_ids) {
        const connections = chosen.filter((c) => c.branchId === branchId);
        if (!connections.length) continue;
        queued.push(
          ...(await queueSyncJobs(manager, actor, {
            branchId,
            connections,
            request: { kind: 'MENU', menuId: menu.id, menuVersion: version },
          })),
        );
      }
      await audit(
        manager,
        actor,
        'MENU_PUBLISHED',
        { type: 'MENU', id: menu.id },
        {
          version,
          jobs: queued.map((job) => job.id),
        },
      );
      return queued;
    });
    this.changes.syncJobs(
      actor.tenantId,
      jobs.map((job) => job.id),
    );
    return jobs.map(toSyncJob);
  }

  /** NOT_FOUND unless every id is a branch of the tenant. */
  private async requireBranches(tenantId: string, branchIds: readonly string[]): Promise<void> {
    const known = await this.directory.branchIds(tenantId);
    branchIds.forEach((id, index) => {
      if (!known.has(id)) throw appError('NOT_FOUND', `branchIds[${index}]: no branch with id ${id} in your tenant.`);
    });
  }

  private async menuRow(manager: EntityManager, tenantId: string, id: string): Promise<MenuRow> {
    const rows = isUuid(id)
      ? ((await manager.query(`select ${MENU_COLUMNS} from catalog.menus where tenant_id = $1 and id = $2`, [
          tenantId,
          id,
        ])) as MenuRow[])
      : [];
    if (!rows[0]) throw appError('NOT_FOUND', `No menu with id ${id} in your tenant.`);
    return rows[0];
  }

  private async itemRow(manager: EntityManager, tenantId: string, id: string): Promise<MenuItemRow> {
    const rows = (await manager.query(
      `select ${MENU_ITEM_COLUMNS} from catalog.menu_items i
         join catalog.menus m on m.tenant_id = i.tenant_id and m.id = i.menu_id
        where i.tenant_id = $1 and i.id = $2`,
      [tenantId, id],
    )) as MenuItemRow[];
    if (!rows[0]) throw appError('NOT_FOUND', `No menu item with id ${id} in your tenant.`);
    return rows[0];
  }

  private async withParts(manager: EntityManager, tenantId: string, menus: MenuRow[]): Promise<MenuType[]> {
    if (!menus.length) return [];
    const ids = menus.map((m) => m.id);
    // One after the other: the three reads share the transaction's connection.
    const items = (await manager.query(
      `select ${MENU_ITEM_COLUMNS} from catalog.menu_items i
           join catalog.menus m on m.tenant_id = i.tenant_id and m.id = i.menu_id
          where i.tenant_id = $1 and i.menu_id = any($2::uuid[]) order by i.sort_order, i.id`,
      [tenantId, ids],
    )) as MenuItemRow[];
    const categories = (await manager.query(
      `select id, menu_id, ref, name, description, item_ids from catalog.menu_categories
          where tenant_id = $1 and menu_id = any($2::uuid[]) order by sort_order, id`,
      [tenantId, ids],
    )) as CategoryRow[];
    const groups = (await manager.query(
      `select id, menu_id, ref, name, min_selections, max_selections, repeatable, options from catalog.modifier_groups
          where tenant_id = $1 and menu_id = any($2::uuid[]) order by sort_order, id`,
      [tenantId, ids],
    )) as GroupRow[];
    return menus.map((menu) =>
      toMenu(menu, {
        items: items.filter((i) => i.menu_id === menu.id),
        categories: categories.filter((c) => c.menu_id === menu.id),
        groups: groups.filter((g) => g.menu_id === menu.id),
      }),
    );
  }

  /**
   * Writes the validated menu. Replacing a menu keeps each item's, group's and
   * category's id when its ref is imported again (availability and provider
   * ids hang on item ids), and deletes what the new import leaves out.
   */
  private async storeMenu(manager: EntityManager, actor: Actor, menu: ValidMenu): Promise<string> {
    const { tenantId } = actor;
    let menuId: string;
    const fields = [
      JSON.stringify(menu.name),
      menu.description ? JSON.stringify(menu.description) : null,
      menu.currency,
      menu.branchIds,
      JSON.stringify(menu.schedule),
    ];
    if (menu.id) {
      const updated = (await manager.query(
        `update catalog.menus
            set name = $3::jsonb, description = $4::jsonb, currency = $5, branch_ids = $6::uuid[], schedule = $7::jsonb,
                version = version + 1, updated_at = now()
          where tenant_id = $1 and id = $2 returning id`,
        [tenantId, menu.id, ...fields],
      )) as [{ id: string }[], number];
      if (!updated[0]?.[0]) throw appError('NOT_FOUND', `id: no menu with id ${menu.id} in your tenant.`);
      menuId = menu.id;
    } else {
      const [row] = (await manager.query(
        `insert into catalog.menus (tenant_id, name, description, currency, branch_ids, schedule)
         values ($1, $2::jsonb, $3::jsonb, $4, $5::uuid[], $6::jsonb) returning id`,
        [tenantId, ...fields],
      )) as { id: string }[];
      menuId = row!.id;
    }

    const itemIds = await this.keepIds(
      manager,
      tenantId,
      menuId,
      'menu_items',
      menu.items.map((i) => i.ref),
    );
    const groupIds = await this.keepIds(
      manager,
      tenantId,
      menuId,
      'modifier_groups',
      menu.modifierGroups.map((g) => g.ref),
    );
    const categoryIds = await this.keepIds(
      manager,
      tenantId,
      menuId,
      'menu_categories',
      menu.categories.map((c) => c.ref),
    );

    for (const [index, item] of menu.items.entries()) {
      await manager.query(
        `insert into catalog.menu_items (tenant_id, id, menu_id, ref, external_pos_id, type, name, description,
           operational_name, base_price, price_overrides, tax_rate, images, contains_alcohol, modifier_group_ids, sort_order)
         values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11::jsonb, $12::numeric, $13::jsonb, $14,
           $15::uuid[], $16)
         on conflict (tenant_id, id) do update set external_pos_id = excluded.external_pos_id, type = excluded.type,
           name = excluded.name, description = excluded.description, operational_name = excluded.operational_name,
           base_price = excluded.base_price, price_overrides = excluded.price_overrides, tax_rate = excluded.tax_rate,
           images = excluded.images, contains_alcohol = excluded.contains_alcohol,
           modifier_group_ids = excluded.modifier_group_ids, sort_order = excluded.sort_order, updated_at = now()`,
        [
          tenantId,
          itemIds.get(item.ref),
          menuId,
          item.ref,
          item.externalPosId,
          item.type,
          JSON.stringify(item.name),
          item.description ? JSON.stringify(item.description) : null,
          item.operationalName ? JSON.stringify(item.operationalName) : null,
          item.price,
          JSON.stringify(
            item.priceOverrides.map((o) => ({ ...o, context: o.context ? groupIds.get(o.context)! : null })),
          ),
          item.taxRate,
          JSON.stringify(item.images),
          item.containsAlcohol,
          item.modifierGroupRefs.map((ref) => groupIds.get(ref)!),
          index,
        ],
      );
    }
    for (const [index, group] of menu.modifierGroups.entries()) {
      await manager.query(
        `insert into catalog.modifier_groups (tenant_id, id, menu_id, ref, name, min_selections, max_selections,
           repeatable, options, sort_order)
         values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9::jsonb, $10)
         on conflict (tenant_id, id) do update set name = excluded.name, min_selections = excluded.min_selections,
           max_selections = excluded.max_selections, repeatable = excluded.repeatable, options = excluded.options,
           sort_order = excluded.sort_order`,
        [
          tenantId,
          groupIds.get(group.ref),
          menuId,
          group.ref,
          JSON.stringify(group.name),
          group.min,
          group.max,
          group.repeatable,
          JSON.stringify(group.options.map((o) => ({ itemId: itemIds.get(o.itemRef)!, priceDelta: o.priceDelta }))),
          index,
        ],
      );
    }
    for (const [index, category] of menu.categories.entries()) {
      await manager.query(
        `insert into catalog.menu_categories (tenant_id, id, menu_id, ref, name, description, sort_order, item_ids)
         values ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8::uuid[])
         on conflict (tenant_id, id) do update set name = excluded.name, description = excluded.description,
           sort_order = excluded.sort_order, item_ids = excluded.item_ids`,
        [
          tenantId,
          categoryIds.get(category.ref),
          menuId,
          category.ref,
          JSON.stringify(category.name),
          category.description ? JSON.stringify(category.description) : null,
          index,
          category.itemRefs.map((ref) => itemIds.get(ref)!),
        ],
      );
    }
    return menuId;
  }

  /** The ids the refs already have in this menu (kept), new ones for the rest; rows of refs no longer imported are deleted. */
  private async keepIds(
    manager: EntityManager,
    tenantId: string,
    menuId: string,
    table: 'menu_items' | 'modifier_groups' | 'menu_categories',
    refs: string[],
  ): Promise<Map<string, string>> {
    await manager.query(`delete from catalog.${table} where tenant_id = $1 and menu_id = $2 and not (ref = any($3))`, [
      tenantId,
      menuId,
      refs,
    ]);
    const existing = (await manager.query(
      `select ref, id from catalog.${table} where tenant_id = $1 and menu_id = $2`,
      [tenantId, menuId],
    )) as { ref: string; id: string }[];
    const ids = new Map(existing.map((row) => [row.ref, row.id]));
    const fresh = refs.filter((ref) => !ids.has(ref));
    if (fresh.length) {
      const made = (await manager.query(`select gen_random_uuid()::text as id from generate_series(1, $1)`, [
        fresh.length,
      ])) as { id: string }[];
      fresh.forEach((ref, index) => ids.set(ref, made[index]!.id));
    }
    return ids;
  }
}
