import type {
  ControlAnswer,
  ControlCall,
  ControlCapability,
  ControlConnection,
  ControlKind,
  ControlMenu,
  ControlOutcome,
  ControlRequestOf,
  ProviderControl,
  ControlResultWebhooks,
} from '../control';
import { PayloadError } from '../common/errors';
import { checkedIdempotencyKey, jsonObjectOf } from '../common/json-body';
import {
  connectionToken,
  controlCall,
  decimalNumber,
  failed,
  itemsById,
  localeMap,
  lowerDay,
  optionOnlyItemIds,
  periodsOrAlways,
  priceFor,
  readSynchronous,
  retryable,
  textAt,
} from '../common/control-calls';
import { pathSegment } from '../common/outbound';

/**
 * Careem's control API, our contract (packages/providers/src/careem/careem.md,
 * "Control"): the order callbacks' bearer token and `Brand-Id` /
 * `Branch-Id` headers, prices as decimal numbers, one menu push per minute
 * per branch and five other calls a second, 429 with `Retry-After`. A
 * catalog push is answered 202 and confirmed by Careem's
 * `CATALOG_PUBLISHED` / `CATALOG_REJECTED` webhook.
 */

const PROVIDER = 'CAREEM';

const headersOf = (connection: ControlConnection): Record<string, string> => ({
  authorization: `Bearer ${connectionToken(connection)}`,
  'brand-id': connection.controlIds['brandId'] ?? connection.tenantId,
  'branch-id': connection.externalStoreId,
});
const branchPath = (connection: ControlConnection): string => `/branches/${pathSegment(connection.externalStoreId)}`;

/** `{"error","message","details":{field:[...]}}`. */
function careemReason(body: unknown): string | null {
  const message = textAt(body, 'message') ?? textAt(body, 'error');
  const details = (body as { details?: unknown } | null)?.details;
  const fields =
    details && typeof details === 'object'
      ? Object.entries(details as Record<string, unknown>)
          .map(([field, problems]) => `${field}: ${Array.isArray(problems) ? problems.join(', ') : String(problems)}`)
          .join('; ')
      : '';
  return [message, fields].filter(Boolean).join(' ') || null;
}

export function careemCatalogBody(menu: ControlMenu): unknown {
  const options = optionOnlyItemIds(menu);
  const items = itemsById(menu);
  const categoryOf = new Map<string, string>();
  for (const category of menu.categories) {
    for (const itemId of category.itemIds) if (!categoryOf.has(itemId)) categoryOf.set(itemId, category.id);
  }
  return {
    catalog: { id: menu.id, name: menu.name.en },
    categories: menu.categories.map((category, index) => ({
      id: category.id,
      name: localeMap(category.name),
      sort_order: index + 1,
    })),
    items: menu.items
      .filter((item) => !options.has(item.id))
      .map((item) => ({
        id: item.id,
        ...(item.externalPosId ? { sku: item.externalPosId } : {}),
        ...(categoryOf.has(item.id) ? { category_id: categoryOf.get(item.id) } : {}),
        name: localeMap(item.name),
        ...(item.description ? { description: localeMap(item.description) } : {}),
        price: decimalNumber(priceFor(item, PROVIDER), menu.currency),
        ...(item.taxRate !== null ? { tax_rate: Number(item.taxRate) } : {}),
        ...(item.images[0] ? { image_url: item.images[0].url } : {}),
        modifier_group_ids: item.modifierGroupIds,
      })),
    groups: menu.modifierGroups.map((group) => ({
      id: group.id,
      name: localeMap(group.name),
      min_selections: group.min,
      max_selections: group.max,
      options: group.options.map((option) => {
        const item = items.get(option.itemId);
        return {
          id: option.itemId,
          ...(item?.externalPosId ? { sku: item.externalPosId } : {}),
          name: item ? localeMap(item.name) : { en: option.itemId },
          price_adjustment: decimalNumber(option.priceDelta, menu.currency),
        };
      }),
    })),
    availability: periodsOrAlways(menu.schedule).map((period) => ({
      day: lowerDay(period.day),
      start_at: period.start,
      end_at: period.end,
    })),
  };
}

const CATALOG_EVENTS = ['CATALOG_PUBLISHED', 'CATALOG_REJECTED'];

/**
 * `CATALOG_PUBLISHED` / `CATALOG_REJECTED` on the order webhook route, same
 * envelope and signature (careem.md, "Control"): `details.request_id` names
 * the push the 202 accepted; a rejection lists its errors.
 */
export const careemResults: ControlResultWebhooks = {
  matches: (request) => CATALOG_EVENTS.includes(String(jsonObjectOf(request.rawBody)?.['event_type'])),
  idempotencyKey: (request) =>
    checkedIdempotencyKey(jsonObjectOf(request.rawBody)?.['event_id'], 'The body field event_id'),
  read(request) {
    const body = jsonObjectOf(request.rawBody);
    const details = body?.['details'];
    const reference = textAt(details, 'request_id');
    if (!reference) throw new PayloadError('A Careem catalog event needs details.request_id.');
    if (body?.['event_type'] === 'CATALOG_PUBLISHED') {
      return { kind: 'MENU', reference, outcome: { result: 'APPLIED' }, confirmByAsking: false };
    }
    const errors = (details as { errors?: unknown }).errors;
    const reasons = Array.isArray(errors)
      ? errors.map((error) =>
          [textAt(error, 'id'), textAt(error, 'field'), textAt(error, 'message') ?? 'rejected']
            .filter(Boolean)
            .join(' '),
        )
      : [];
    return {
      kind: 'MENU',
      reference,
      outcome: { result: 'FAILED', reason: `Catalog rejected: ${reasons.join('; ') || 'no reason given'}` },
      confirmByAsking: false,
    };
  },
};

const readCareem = (answer: ControlAnswer): ControlOutcome => readSynchronous(answer, careemReason);

/** A capability that is one call: five a second, read as every synchronous Careem answer. */
function oneCall<K extends ControlKind>(
  method: ControlCall['method'],
  pathOf: (connection: ControlConnection) => string,
  bodyOf: (request: ControlRequestOf<K>) => unknown,
): ControlCapability<K> {
  return {
    minIntervalMs: 200,
    build: (request, connection) => [
      controlCall(connection, method, pathOf(connection), bodyOf(request), headersOf(connection)),
    ],
    read: readCareem,
  };
}

export const careemControl: ProviderControl = {
  results: careemResults,
  menu: {
    minIntervalMs: 60_000,
    build: (request, connection) => [
      controlCall(connection, 'PUT', '/catalogs', careemCatalogBody(request.menu), headersOf(connection)),
    ],
    read: (answer) => {
      const again = retryable(answer);
      if (again) return again;
      if (answer.status < 200 || answer.status >= 300) return failed(answer, careemReason);
      // 202 {catalog_id, request_id, status: accepted}: the webhook says how it ended.
      return { result: 'ACCEPTED', reference: textAt(answer.body, 'request_id') };
    },
  },
  availability: {
    minIntervalMs: 200,
    build: (request, connection) => {
      const options = new Set(request.optionItemIds);
      return [
        controlCall(
          connection,
          'PATCH',
          '/catalogs/items/availability',
          {
            items: request.items.map((item) => ({
              id: item.itemId,
              type: options.has(item.itemId) ? 'option' : 'item',
              is_available: item.state === 'AVAILABLE',
              ...(item.until ? { until: item.until } : {}),
            })),
          },
          headersOf(connection),
        ),
      ];
    },
    read: (answer) => {
      const outcome = readCareem(answer);
      if (outcome.result !== 'NEXT') return outcome;
      // 200 {updated, failed: [{id, reason}]}: one refused item fails the job, with every reason named.
      const refused = (answer.body as { failed?: { id?: string; reason?: string }[] } | null)?.failed ?? [];
      if (refused.length === 0) return outcome;
      return {
        result: 'FAILED',
        reason: refused.map((item) => `${item.id ?? '?'}: ${item.reason ?? 'refused'}`).join('; '),
      };
    },
  },
  storeStatus: oneCall(
    'PUT',
    (connection) => `${branchPath(connection)}/status`,
    (request) => ({
      state: request.status.toLowerCase(),
      ...(request.until ? { until: request.until } : {}),
      ...(request.reason ? { reason: request.reason } : {}),
    }),
  ),
  busyMode: oneCall(
    'PUT',
    (connection) => `${branchPath(connection)}/preparation-time`,
    (request) =>
      request.prepMinutes === null
        ? { busy: false }
        : { busy: true, preparation_minutes: request.prepMinutes, ...(request.until ? { until: request.until } : {}) },
  ),
  openingHours: oneCall(
    'PUT',
    () => '/operational-hours',
    (request) => ({
      operational_hours: request.periods.map((period) => ({
        day: lowerDay(period.day),
        start_at: period.start,
        end_at: period.end,
      })),
    }),
  ),
};
