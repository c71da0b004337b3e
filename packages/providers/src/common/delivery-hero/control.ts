import { toDecimalString } from '@nexara/kit';
import {
  ControlBuildError,
  type ControlConnection,
  type ControlContext,
  type ControlConfirmation,
  type ControlMenu,
  type ControlResultWebhooks,
  type ProviderControl,
} from '../../control';
import { PayloadError } from '../errors';
import { checkedIdempotencyKey, jsonObjectOf } from '../json-body';
import {
  connectionToken,
  controlCall,
  controlId,
  failed,
  optionOnlyItemIds,
  periodsOrAlways,
  priceFor,
  readAccessToken,
  readSynchronous,
  retryable,
  textAt,
} from '../control-calls';
import { pathSegment } from '../outbound';

/**
 * Delivery Hero's POS middleware control API (delivery-hero.md, "Control"),
 * shared by its brands: a bearer token from `POST /v2/login`, the catalog
 * as a flat map of typed entries with decimal-string prices (accepted with an
 * import id, confirmed from the vendor's import log), item availability one
 * type and one state per call, and vendor availability per platform. It has
 * no store-level busy mode and no store hours, so neither capability exists.
 *
 * The connection keeps `username`, `platformKey`, `platformRestaurantId`,
 * `globalEntityId` and optionally `chainCode` (the store id otherwise); the
 * password is the connection's current secret.
 */

const TOKEN_REUSE_MS = 10 * 60_000;

const ref = (id: string, type: string) => ({ [id]: { id, type } });
const refs = (ids: readonly string[], type: string) => Object.assign({}, ...ids.map((id) => ref(id, type))) as object;
const title = (text: { en: string; ar: string | null }) =>
  text.ar ? { default: text.en, ar: text.ar } : { default: text.en };

const bearer = (context: ControlContext): Record<string, string> => {
  if (!context.token) throw new ControlBuildError('Delivery Hero calls need an access token.');
  return { authorization: `Bearer ${context.token}` };
};
const chainPath = (connection: ControlConnection): string =>
  `/v2/chains/${pathSegment(connection.controlIds['chainCode'] ?? connection.externalStoreId)}`;
const vendor = (connection: ControlConnection): string => pathSegment(connection.externalStoreId);

/** `{"code","message"}` (vendor availability) or `{"message"}`. */
const deliveryHeroReason = (body: unknown): string | null => {
  const code = textAt(body, 'code');
  const message = textAt(body, 'message');
  return code && message ? `${code}: ${message}` : (message ?? code);
};

export function deliveryHeroCatalogBody(menu: ControlMenu, connection: ControlConnection, callbackUrl: string | null) {
  const options = optionOnlyItemIds(menu);
  const price = (amount: number) => toDecimalString(amount, menu.currency);
  const items: Record<string, unknown> = {};
  for (const item of menu.items) {
    items[item.id] = {
      id: item.id,
      type: 'Product',
      title: title(item.name),
      ...(item.description ? { description: title(item.description) } : {}),
      price: price(priceFor(item, connection.provider)),
      ...(item.modifierGroupIds.length ? { toppings: refs(item.modifierGroupIds, 'Topping') } : {}),
      ...(item.images[0] ? { images: { [`${item.id}-image`]: { id: `${item.id}-image`, type: 'Image' } } } : {}),
    };
    if (item.images[0]) items[`${item.id}-image`] = { id: `${item.id}-image`, type: 'Image', url: item.images[0].url };
  }
  for (const group of menu.modifierGroups) {
    items[group.id] = {
      id: group.id,
      type: 'Topping',
      title: title(group.name),
      quantity: { minimum: group.min, maximum: group.max },
      products: refs(
        group.options.map((option) => option.itemId),
        'Product',
      ),
    };
  }
  for (const category of menu.categories) {
    items[category.id] = {
      id: category.id,
      type: 'Category',
      title: title(category.name),
      products: refs(category.itemIds, 'Product'),
    };
  }
  const schedule = periodsOrAlways(menu.schedule).map((period, index) => ({
    id: `${menu.id}-s${index + 1}`,
    type: 'ScheduleEntry',
    startTime: period.start,
    endTime: period.end,
    weekDays: [period.day],
  }));
  for (const entry of schedule) items[entry.id] = entry;
  items[menu.id] = {
    id: menu.id,
    type: 'Menu',
    title: title(menu.name),
    menuType: 'DELIVERY',
    schedule: refs(
      schedule.map((entry) => entry.id),
      'ScheduleEntry',
    ),
    products: refs(
      menu.items.filter((item) => !options.has(item.id)).map((item) => item.id),
      'Product',
    ),
  };
  return {
    ...(callbackUrl ? { callbackUrl } : {}),
    vendors: [connection.externalStoreId],
    catalog: { items },
  };
}

/** An import's status, from its log entry or its callback; statuses not listed in what we read are not finished. */
function importStatus(status: string | null, message: string | null): ControlConfirmation {
  const normalized = status?.toLowerCase();
  if (normalized === 'done' || normalized === 'completed' || normalized === 'success') return { result: 'APPLIED' };
  if (normalized === 'failed' || normalized === 'error') {
    return { result: 'FAILED', reason: `Catalog import ${normalized}: ${message ?? 'no message'}` };
  }
  return { result: 'PENDING' };
}

/**
 * The catalog import callback, posted to the `callbackUrl` the upload named
 * (`{connection webhook URL}/catalog-status`) with the plugin's bearer JWT.
 * It is a hint only (delivery-hero.md, "Control"): the job asks the import
 * log at once instead of taking the callback's word. Its key is the import
 * and the status it reports.
 */
export const deliveryHeroResults: ControlResultWebhooks = {
  matches: (request) => request.method === 'POST' && request.subPath === 'catalog-status',
  idempotencyKey(request) {
    const body = jsonObjectOf(request.rawBody);
    const id = checkedIdempotencyKey(body?.['catalogImportId'], 'The body field catalogImportId');
    if (typeof id !== 'string') return id;
    return checkedIdempotencyKey(`catalog-status:${id}:${textAt(body, 'status') ?? ''}`, 'The catalogImportId');
  },
  read(request) {
    const body = jsonObjectOf(request.rawBody);
    const reference = textAt(body, 'catalogImportId');
    if (!reference) throw new PayloadError('A catalog import callback needs catalogImportId.');
    return {
      kind: 'MENU',
      reference,
      outcome: importStatus(textAt(body, 'status'), textAt(body, 'message')),
      confirmByAsking: true,
    };
  },
};

type VendorAvailability = {
  platformKey?: unknown;
  platformRestaurantId?: unknown;
  changeable?: unknown;
  closingReasons?: unknown;
  closingMinutes?: unknown;
};

/**
 * The reason and minutes of a closure as the vendor's availability entry
 * allows them (delivery-hero.md, "Control"): the request's reason when it is
 * one of the allowed codes, else `TOO_BUSY_KITCHEN` when allowed, else the
 * first allowed; the least allowed minutes that cover the pause, else the most.
 */
export function deliveryHeroClosure(
  entry: VendorAvailability,
  reason: string | null,
  minutes: number | null,
): { closedReason: string | null; closingMinutes: number | null } {
  const reasons = Array.isArray(entry.closingReasons) ? entry.closingReasons.map(String) : [];
  const asCode =
    reason
      ?.trim()
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '_') ?? '';
  const closedReason = reasons.includes(asCode)
    ? asCode
    : reasons.includes('TOO_BUSY_KITCHEN')
      ? 'TOO_BUSY_KITCHEN'
      : (reasons[0] ?? null);
  const allowed = (Array.isArray(entry.closingMinutes) ? entry.closingMinutes : [])
    .map(Number)
    .filter((value) => Number.isInteger(value) && value > 0)
    .sort((a, b) => a - b);
  const closingMinutes =
    minutes === null || allowed.length === 0
      ? minutes
      : (allowed.find((value) => value >= minutes) ?? allowed[allowed.length - 1]!);
  return { closedReason, closingMinutes };
}

const vendorAvailabilityPath = (connection: ControlConnection): string =>
  `${chainPath(connection)}/remoteVendors/${vendor(connection)}/availability`;

export const deliveryHeroControl: ProviderControl = {
  results: deliveryHeroResults,
  token: {
    call: (connection) => ({
      ...controlCall(connection, 'POST', '/v2/login', null, { 'content-type': 'application/x-www-form-urlencoded' }),
      body: new URLSearchParams({
        username: controlId(connection, 'username', 'Delivery Hero'),
        password: connectionToken(connection),
        grant_type: 'client_credentials',
      }).toString(),
    }),
    read: (answer) => readAccessToken(answer, 'Delivery Hero refused the login', TOKEN_REUSE_MS),
  },
  menu: {
    // No limit is published; one catalog a minute per vendor, like the others' menus.
    minIntervalMs: 60_000,
    build: (request, connection, context) => [
      controlCall(
        connection,
        'PUT',
        `${chainPath(connection)}/catalog`,
        deliveryHeroCatalogBody(
          request.menu,
          connection,
          context.resultWebhookUrl ? `${context.resultWebhookUrl}/catalog-status` : null,
        ),
        bearer(context),
      ),
    ],
    read: (answer) => {
      const again = retryable(answer);
      if (again) return again;
      if (answer.status < 200 || answer.status >= 300) return failed(answer, deliveryHeroReason);
      return { result: 'ACCEPTED', reference: textAt(answer.body, 'catalogImportId') };
    },
    confirm: {
      // The import log is the source of truth (the callback is only a hint).
      afterMs: 5_000,
      call: (_request, connection, context) =>
        controlCall(
          connection,
          'GET',
          `${chainPath(connection)}/vendors/${vendor(connection)}/menu-import-logs`,
          null,
          bearer(context),
        ),
      read: (answer, reference) => {
        const again = retryable(answer);
        if (again) return again;
        if (answer.status !== 200) return failed(answer, deliveryHeroReason);
        const logs = Array.isArray(answer.body)
          ? answer.body
          : ((answer.body as { logs?: unknown[] } | null)?.logs ?? []);
        const entry = logs.find((log) => textAt(log, 'catalogImportId') === reference);
        return importStatus(textAt(entry, 'status'), textAt(entry, 'message'));
      },
    },
  },
  availability: {
    minIntervalMs: 1_000,
    // One `type` and one state per call: up to four calls (items and toppings, off and on).
    build: (request, connection, context) => {
      const options = new Set(request.optionItemIds);
      const groups = new Map<string, string[]>();
      for (const item of request.items) {
        const key = `${options.has(item.itemId) ? 'TOPPING' : 'ITEM'}|${item.state === 'AVAILABLE'}`;
        groups.set(key, [...(groups.get(key) ?? []), item.itemId]);
      }
      return [...groups].map(([key, items]) => {
        const [type, available] = key.split('|') as [string, string];
        return controlCall(
          connection,
          'POST',
          `${chainPath(connection)}/vendors/${vendor(connection)}/catalog/items/availability`,
          {
            globalEntityId: controlId(connection, 'globalEntityId', 'Delivery Hero'),
            items,
            type,
            isAvailable: available === 'true',
          },
          bearer(context),
        );
      });
    },
    read: (answer) => {
      const outcome = readSynchronous(answer, deliveryHeroReason);
      // 200 with details is a partial success: the items it names were refused.
      const details = (answer.body as { details?: unknown[] } | null)?.details;
      if (outcome.result === 'NEXT' && answer.status === 200 && Array.isArray(details) && details.length > 0) {
        return { result: 'FAILED', reason: `Partly refused: ${JSON.stringify(details).slice(0, 300)}` };
      }
      return outcome;
    },
  },
  storeStatus: {
    minIntervalMs: 1_000,
    // The vendor's availability per platform says whether it may be changed and which reasons and minutes a
    // closure may carry: read first, reused for 10 minutes.
    lookup: {
      reuseForMs: 10 * 60_000,
      call: (connection, context) =>
        controlCall(connection, 'GET', vendorAvailabilityPath(connection), null, bearer(context)),
      read: (answer) => {
        // 204: the result is not ready yet; ask again in a few seconds.
        if (answer.status === 204)
          return { result: 'RETRY', reason: 'Vendor availability not ready yet', afterMs: 3_000 };
        const again = retryable(answer);
        if (again) return again;
        if (answer.status !== 200 || !Array.isArray(answer.body)) return failed(answer, deliveryHeroReason);
        return { value: answer.body };
      },
    },
    // CLOSED_UNTIL for a pause (our scheduler reopens it too), CLOSED_TODAY for a close.
    build: (request, connection, context) => {
      const minutes = request.until
        ? Math.max(1, Math.ceil((Date.parse(request.until) - context.now.getTime()) / 60_000))
        : null;
      const state = request.status === 'OPEN' ? 'OPEN' : request.status === 'PAUSED' ? 'CLOSED_UNTIL' : 'CLOSED_TODAY';
      const platformKey = controlId(connection, 'platformKey', 'Delivery Hero');
      const platformRestaurantId = controlId(connection, 'platformRestaurantId', 'Delivery Hero');
      let closure = { closedReason: 'TOO_BUSY_KITCHEN' as string | null, closingMinutes: minutes };
      if (Array.isArray(context.lookup)) {
        const entries = context.lookup as VendorAvailability[];
        const entry =
          entries.find(
            (e) => e.platformKey === platformKey && String(e.platformRestaurantId) === platformRestaurantId,
          ) ?? entries.find((e) => e.platformKey === platformKey);
        // A platform the list does not name is sent as before: Delivery Hero's answer decides.
        if (entry?.changeable === false) {
          throw new ControlBuildError(
            `Delivery Hero does not let this vendor's availability on ${platformKey} be changed.`,
          );
        }
        if (entry) closure = deliveryHeroClosure(entry, request.reason, minutes);
      }
      return [
        controlCall(
          connection,
          'PUT',
          vendorAvailabilityPath(connection),
          {
            availabilityState: state,
            ...(state === 'CLOSED_UNTIL'
              ? {
                  closingMinutes: closure.closingMinutes,
                  ...(closure.closedReason ? { closedReason: closure.closedReason } : {}),
                }
              : {}),
            platformKey,
            platformRestaurantId,
          },
          bearer(context),
        ),
      ];
    },
    read: (answer) => readSynchronous(answer, deliveryHeroReason),
  },
};
