import type {
  ControlAnswer,
  ControlCall,
  ControlCapability,
  ControlConnection,
  ControlContext,
  ControlKind,
  ControlMenu,
  ControlOutcome,
  ControlRequestOf,
  ProviderControl,
} from '../control';
import {
  connectionToken,
  controlCall,
  decimalNumber,
  itemsById,
  lowerDay,
  optionOnlyItemIds,
  periodsByDay,
  periodsOrAlways,
  priceFor,
  readSynchronous,
  stableUuid,
  textAt,
} from '../common/control-calls';

/**
 * Jahez's control API, our contract (packages/providers/src/jahez/jahez.md,
 * "Control"): the webhooks' bearer token plus `X-Request-Id` (a retry of the
 * same call reuses it), decimal prices, names `{ar, en}`, and every answer
 * synchronous. A menu is two calls, categories then products; a product left
 * out becomes hidden. The product id is the POS id where the item has one.
 */

const PROVIDER = 'JAHEZ';

function jahezCall(
  connection: ControlConnection,
  context: ControlContext,
  step: number,
  path: string,
  body: unknown,
): ControlCall {
  return controlCall(connection, 'POST', path, body, {
    authorization: `Bearer ${connectionToken(connection)}`,
    'x-request-id': stableUuid(`${context.jobId}|${step}`),
  });
}

/** `{ar, en}` with both keys, as Jahez wants them ('' where we have no Arabic). */
const names = (text: { en: string; ar: string | null }): { ar: string; en: string } => ({
  ar: text.ar ?? '',
  en: text.en,
});

/** `{"success":false,"errors":[{"id","message"}]}`. */
function jahezReason(body: unknown): string | null {
  const errors = (body as { errors?: { id?: string; message?: string }[] } | null)?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    return errors.map((error) => `${error.id ?? '?'}: ${error.message ?? 'refused'}`).join('; ');
  }
  return textAt(body, 'message');
}

export function jahezCategoriesBody(menu: ControlMenu): unknown {
  return {
    categories: menu.categories.map((category, index) => ({
      category_id: category.id,
      name: names(category.name),
      index: index + 1,
      exclude_branches: [],
    })),
  };
}

export function jahezProductsBody(menu: ControlMenu): unknown {
  const options = optionOnlyItemIds(menu);
  const items = itemsById(menu);
  const groups = new Map(menu.modifierGroups.map((group) => [group.id, group]));
  const categoryOf = new Map<string, string>();
  for (const category of menu.categories) {
    for (const itemId of category.itemIds) if (!categoryOf.has(itemId)) categoryOf.set(itemId, category.id);
  }
  const availability = Object.fromEntries(
    [...periodsByDay(periodsOrAlways(menu.schedule))].map(([day, times]) => [
      lowerDay(day),
      { is_visible: true, times },
    ]),
  );
  return {
    products: menu.items
      .filter((item) => !options.has(item.id))
      .map((item) => ({
        product_id: item.externalPosId ?? item.id,
        ...(categoryOf.has(item.id) ? { category_id: categoryOf.get(item.id) } : {}),
        name: names(item.name),
        description: names(item.description ?? { en: '', ar: '' }),
        product_price: decimalNumber(priceFor(item, PROVIDER), menu.currency),
        ...(item.images[0] ? { image_path: item.images[0].url } : {}),
        is_visible: true,
        modifiers: item.modifierGroupIds.flatMap((groupId) => {
          const group = groups.get(groupId);
          if (!group) return [];
          return [
            {
              id: group.id,
              name: names(group.name),
              min_option: group.min,
              max_option: group.max,
              is_multiple: group.max > 1,
              is_radio: group.max === 1,
              options: group.options.map((option) => {
                const optionItem = items.get(option.itemId);
                return {
                  id: optionItem?.externalPosId ?? option.itemId,
                  nameAr: optionItem?.name.ar ?? '',
                  nameEn: optionItem?.name.en ?? option.itemId,
                  price: decimalNumber(option.priceDelta, menu.currency),
                };
              }),
            },
          ];
        }),
        availability,
      })),
  };
}

const readJahez = (answer: ControlAnswer): ControlOutcome => {
  const outcome = readSynchronous(answer, jahezReason);
  // A 200 that says it did not succeed is a refusal too.
  if (outcome.result === 'NEXT' && (answer.body as { success?: unknown } | null)?.success === false) {
    return { result: 'FAILED' as const, reason: `HTTP ${answer.status}: ${jahezReason(answer.body) ?? 'refused'}` };
  }
  return outcome;
};

/** A capability that is one call of ours: five a second, read as every Jahez answer. */
function branchCall<K extends ControlKind>(
  path: string,
  bodyOf: (request: ControlRequestOf<K>, connection: ControlConnection) => unknown,
): ControlCapability<K> {
  return {
    minIntervalMs: 200,
    build: (request, connection, context) => [jahezCall(connection, context, 0, path, bodyOf(request, connection))],
    read: readJahez,
  };
}

/** Jahez publishes no limits; ours: five calls a second, one menu a minute. */
export const jahezControl: ProviderControl = {
  menu: {
    minIntervalMs: 60_000,
    build: (request, connection, context) => [
      jahezCall(connection, context, 0, '/categories/categories_upload', jahezCategoriesBody(request.menu)),
      jahezCall(connection, context, 1, '/products/products_upload', jahezProductsBody(request.menu)),
    ],
    read: readJahez,
  },
  availability: {
    minIntervalMs: 200,
    build: (request, connection, context) => {
      const options = new Set(request.optionItemIds);
      const listed = (item: (typeof request.items)[number]) => ({
        is_available: item.state === 'AVAILABLE',
        ...(item.until ? { until: item.until } : {}),
      });
      return [
        jahezCall(connection, context, 0, '/products/availability', {
          branch_id: connection.externalStoreId,
          products: request.items
            .filter((item) => !options.has(item.itemId))
            .map((item) => ({ product_id: item.externalPosId ?? item.itemId, ...listed(item) })),
          options: request.items
            .filter((item) => options.has(item.itemId))
            .map((item) => ({ id: item.externalPosId ?? item.itemId, ...listed(item) })),
        }),
      ];
    },
    read: readJahez,
  },
  storeStatus: branchCall('/branches/status', (request, connection) => ({
    branch_id: connection.externalStoreId,
    status: request.status === 'OPEN' ? 'O' : 'C',
    ...(request.until ? { until: request.until } : {}),
  })),
  // Busy is a status of its own ("B"); ending it opens the branch again.
  busyMode: branchCall('/branches/status', (request, connection) => ({
    branch_id: connection.externalStoreId,
    ...(request.prepMinutes === null
      ? { status: 'O' }
      : { status: 'B', preparation_time: request.prepMinutes, ...(request.until ? { until: request.until } : {}) }),
  })),
  openingHours: branchCall('/branches/working_hours', (request, connection) => ({
    branch_id: connection.externalStoreId,
    days: Object.fromEntries([...periodsByDay(request.periods)].map(([day, times]) => [lowerDay(day), times])),
  })),
};
