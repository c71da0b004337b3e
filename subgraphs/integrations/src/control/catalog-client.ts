import type { CatalogSyncRequest, CatalogSyncStatus } from '@nexara/contracts';
import { serviceGraphQL } from '@nexara/kit';
import type { ControlMenu } from '@nexara/providers';

/** A sync job as the worker reads it back from the catalog subgraph. */
export type CatalogSyncJobRecord = {
  id: string;
  status: CatalogSyncStatus;
  attempts: number;
  request: CatalogSyncRequest;
};

export type CatalogSyncReport = {
  jobId: string;
  status: CatalogSyncStatus;
  reason: string | null;
  attempts: number;
  answer: unknown;
};

/**
 * The catalog subgraph as the integrations worker uses it
 * (docs/control-plane.md, "Execution"): the job's canonical request, the
 * menu a MENU job publishes, which items are modifier options, and the
 * report of what the provider answered. Called as the `integrations`
 * service acting in the job's tenant, directly (the report is internal).
 */
export type CatalogClient = {
  job: (tenantId: string, jobId: string) => Promise<CatalogSyncJobRecord>;
  menu: (tenantId: string, menuId: string) => Promise<ControlMenu>;
  /** Ids of items that are modifier options in no category, over the tenant's menus. */
  optionItemIds: (tenantId: string) => Promise<string[]>;
  report: (tenantId: string, report: CatalogSyncReport) => Promise<void>;
  /** Every item on the branch's menus with its state there (docs/control-plane.md, "Orders meet the menu"). */
  branchAvailability: (tenantId: string, branchId: string) => Promise<BranchItemState[]>;
};

export type BranchItemState = {
  item: { id: string; externalPosId: string | null; name: { en: string | null; ar: string | null } };
  state: 'AVAILABLE' | 'SOLD_OUT' | 'HIDDEN';
};

const TEXT = 'en ar';
const JOB = 'query CatalogSyncJob($id: ID!) { catalogSyncJob(id: $id) { id status attempts request } }';
const MENU = `query ControlMenu($id: ID!) { menu(id: $id) {
  id name { ${TEXT} } description { ${TEXT} } currency schedule { day start end }
  categories { id name { ${TEXT} } description { ${TEXT} } itemIds }
  items { id externalPosId type name { ${TEXT} } description { ${TEXT} } operationalName { ${TEXT} }
    price { amount } priceOverrides { provider context price { amount } } taxRate images { url }
    containsAlcohol modifierGroupIds }
  modifierGroups { id name { ${TEXT} } min max repeatable options { itemId priceDelta { amount } } } } }`;
const OPTIONS = 'query ControlOptions { menus { categories { itemIds } modifierGroups { options { itemId } } } }';
const AVAILABILITY = `query BranchAvailability($branchId: ID!) {
  branchAvailability(branchId: $branchId) { item { id externalPosId name { ${TEXT} } } state } }`;
const REPORT = `mutation RecordCatalogSyncOutcome($input: RecordCatalogSyncOutcomeInput!) {
  recordCatalogSyncOutcome(input: $input) { id } }`;

type Amount = { amount: number };
type MenuAnswer = Omit<ControlMenu, 'items' | 'modifierGroups'> & {
  items: (Omit<ControlMenu['items'][number], 'price' | 'priceOverrides'> & {
    price: Amount;
    priceOverrides: { provider: string | null; context: string | null; price: Amount }[];
  })[];
  modifierGroups: (Omit<ControlMenu['modifierGroups'][number], 'options'> & {
    options: { itemId: string; priceDelta: Amount }[];
  })[];
};

export function createCatalogClient(options: {
  url: string;
  internalTokenSecret: string;
  timeoutMs?: number;
}): CatalogClient {
  const catalog = serviceGraphQL({ ...options, service: 'integrations' });
  return {
    job: async (tenantId, jobId) =>
      (await catalog.data<{ catalogSyncJob: CatalogSyncJobRecord }>(tenantId, JOB, { id: jobId })).catalogSyncJob,
    menu: async (tenantId, menuId) => {
      const { menu } = await catalog.data<{ menu: MenuAnswer }>(tenantId, MENU, { id: menuId });
      return {
        ...menu,
        items: menu.items.map((item) => ({
          ...item,
          price: item.price.amount,
          priceOverrides: item.priceOverrides.map((override) => ({ ...override, price: override.price.amount })),
        })),
        modifierGroups: menu.modifierGroups.map((group) => ({
          ...group,
          options: group.options.map((option) => ({ itemId: option.itemId, priceDelta: option.priceDelta.amount })),
        })),
      };
    },
    optionItemIds: async (tenantId) => {
      const { menus } = await catalog.data<{
        menus: { categories: { itemIds: string[] }[]; modifierGroups: { options: { itemId: string }[] }[] }[];
      }>(tenantId, OPTIONS);
      return menus.flatMap((menu) => {
        const inCategory = new Set(menu.categories.flatMap((category) => category.itemIds));
        return menu.modifierGroups.flatMap((group) =>
          group.options.map((option) => option.itemId).filter((id) => !inCategory.has(id)),
        );
      });
    },
    report: async (tenantId, report) => {
      await catalog.data(tenantId, REPORT, { input: report });
    },
    branchAvailability: async (tenantId, branchId) =>
      (await catalog.data<{ branchAvailability: BranchItemState[] }>(tenantId, AVAILABILITY, { branchId }))
        .branchAvailability,
  };
}
