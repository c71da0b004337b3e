import {
  ControlBuildError,
  type ControlAnswer,
  type ControlConnection,
  type ControlContext,
  type ControlMenu,
  type ControlWeekday,
  type ControlResultWebhooks,
  type ProviderControl,
} from '../control';
import { PayloadError } from '../common/errors';
import { checkedIdempotencyKey, headerOf, jsonObjectOf } from '../common/json-body';
import { DELIVEROO_GUID_HEADER } from './authenticate';
import {
  controlCall,
  controlId,
  connectionToken,
  failed,
  localeMap,
  optionOnlyItemIds,
  periodsByDay,
  periodsOrAlways,
  priceFor,
  readAccessToken,
  readSynchronous,
  retryable,
  textAt,
} from '../common/control-calls';
import { pathSegment } from '../common/outbound';

/**
 * Deliveroo's control API (packages/providers/src/deliveroo/deliveroo.md,
 * "Control"): OAuth client credentials, then the Menu API (integer minor
 * units, options as CHOICE items, asynchronous with one upload per minute
 * per site), item unavailabilities, and the Site API (status, workload,
 * opening hours). The connection keeps `brandId` and `clientId`; `menuId`
 * defaults to our menu's id; the site is the connection's store id.
 */

const PROVIDER = 'DELIVEROO';
const DAYS: readonly ControlWeekday[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
/** Deliveroo's token lives 300 s; reuse it at most 4 minutes. */
const TOKEN_REUSE_MS = 240_000;
/** Quiet prep time when the connection sets none; busy must exceed it by a multiple of 5 minutes. */
const DEFAULT_QUIET_MINUTES = 10;

const bearer = (context: ControlContext): Record<string, string> => {
  if (!context.token) throw new ControlBuildError('Deliveroo calls need an access token.');
  return { authorization: `Bearer ${context.token}` };
};
const brandPath = (connection: ControlConnection): string =>
  `/brands/${pathSegment(controlId(connection, 'brandId', 'Deliveroo'))}`;
const sitePath = (connection: ControlConnection): string =>
  `/site/v1${brandPath(connection)}/sites/${pathSegment(connection.externalStoreId)}`;
const menuPath = (connection: ControlConnection, menuId: string): string =>
  `/menu/v1${brandPath(connection)}/menus/${pathSegment(connection.controlIds['menuId'] ?? menuId)}`;

/** `{"error":{"code","message"}}`, as Deliveroo words its refusals. */
function deliverooReason(body: unknown): string | null {
  const code = textAt(body, 'error', 'code');
  const message = textAt(body, 'error', 'message');
  if (code && message) return `${code}: ${message}`;
  return code ?? message ?? textAt(body, 'message');
}

/** The menu upload result (webhook or menu GET): 200 applied, 400/500 refused with the processing error. */
function uploadResult(body: unknown): { status: number; reason: string } | null {
  const result = (body as { menu_upload_result?: { http_status?: unknown; errors?: unknown } } | null)
    ?.menu_upload_result;
  if (!result || typeof result.http_status !== 'number') return null;
  const errors = result.errors as { processing?: unknown; images?: { url?: string; message?: string }[] } | undefined;
  const parts = [
    typeof errors?.processing === 'string' ? errors.processing : null,
    ...(errors?.images ?? []).map((image) => `${image.url ?? 'image'}: ${image.message ?? 'refused'}`),
  ].filter((part): part is string => part !== null);
  return { status: result.http_status, reason: parts.join('; ') || `upload result ${result.http_status}` };
}

export function deliverooMenuBody(menu: ControlMenu, connection: ControlConnection): unknown {
  const choices = optionOnlyItemIds(menu);
  const groupsOfOption = new Map<string, { groupId: string; priceDelta: number }[]>();
  for (const group of menu.modifierGroups) {
    for (const option of group.options) {
      groupsOfOption.set(option.itemId, [
        ...(groupsOfOption.get(option.itemId) ?? []),
        { groupId: group.id, priceDelta: option.priceDelta },
      ]);
    }
  }
  const schedule = periodsByDay(periodsOrAlways(menu.schedule));
  return {
    name: menu.name.en,
    site_ids: [connection.externalStoreId],
    menu: {
      mealtimes: [
        {
          id: `mt-${menu.id}`,
          name: localeMap(menu.name),
          ...(menu.description ? { description: localeMap(menu.description) } : {}),
          category_ids: menu.categories.map((category) => category.id),
          schedule: [...schedule].map(([day, periods]) => ({
            day_of_week: DAYS.indexOf(day),
            time_periods: periods,
          })),
        },
      ],
      categories: menu.categories.map((category) => ({
        id: category.id,
        name: localeMap(category.name),
        ...(category.description ? { description: localeMap(category.description) } : {}),
        item_ids: category.itemIds,
      })),
      modifiers: menu.modifierGroups.map((group) => ({
        id: group.id,
        name: localeMap(group.name),
        min_selection: group.min,
        max_selection: group.max,
        item_ids: group.options.map((option) => option.itemId),
      })),
      items: menu.items.map((item) => {
        const choice = choices.has(item.id);
        const price = priceFor(item, PROVIDER);
        // Inside a group an option costs its price delta there (or the group's override) when that differs.
        const overrides = (groupsOfOption.get(item.id) ?? [])
          .map(({ groupId, priceDelta }) => ({
            type: 'MODIFIER' as const,
            id: groupId,
            price: item.priceOverrides.some((override) => override.context === groupId)
              ? priceFor(item, PROVIDER, groupId)
              : priceDelta,
          }))
          .filter((override) => override.price !== price);
        return {
          id: item.id,
          name: localeMap(item.name),
          ...(item.description ? { description: localeMap(item.description) } : {}),
          ...(item.operationalName ? { operational_name: item.operationalName.en } : {}),
          ...(item.externalPosId ? { plu: item.externalPosId } : {}),
          price_info: { price, ...(overrides.length ? { overrides } : {}) },
          type: choice ? 'CHOICE' : item.type === 'BUNDLE' ? 'BUNDLE' : 'ITEM',
          ...(item.modifierGroupIds.length ? { modifier_ids: item.modifierGroupIds } : {}),
          ...(item.taxRate !== null ? { tax_rate: item.taxRate } : {}),
          ...(item.images[0] ? { image: { url: item.images[0].url } } : {}),
          ...(item.containsAlcohol ? { contains_alcohol: true } : {}),
        };
      }),
    },
  };
}

/** Busy and quiet prep minutes as Deliveroo takes them: busy > quiet, the difference a multiple of 5. */
export function deliverooWorkloadTimes(
  prepMinutes: number,
  connection: ControlConnection,
): { busy: number; quiet: number } {
  const configured = Number(connection.controlIds['quietPrepMinutes']);
  const quiet = Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_QUIET_MINUTES;
  const steps = Math.max(1, Math.ceil((prepMinutes - quiet) / 5));
  return { busy: quiet + steps * 5, quiet };
}

/** The menu a result names: brand and menu id, as the upload's path named them. */
const menuReference = (brandId: string, menuId: string): string => `${brandId}/${menuId}`;

/**
 * The menu upload result webhook (deliveroo.md, "Control"), posted to the
 * connection's `/menu-events` with the orders' HMAC over the sequence guid,
 * which is also its idempotency key. It names the upload by brand and menu.
 */
export const deliverooResults: ControlResultWebhooks = {
  matches: (request) => request.method === 'POST' && request.subPath === 'menu-events',
  idempotencyKey: (request) =>
    checkedIdempotencyKey(headerOf(request, DELIVEROO_GUID_HEADER), 'The X-Deliveroo-Sequence-Guid header'),
  read(request) {
    const body = jsonObjectOf(request.rawBody);
    if (body?.['event'] !== 'menu.upload_result') {
      throw new PayloadError(`Deliveroo menu event "${String(body?.['event'])}" is not one Nexara reads.`);
    }
    const inner = body['body'];
    const brandId = textAt(inner, 'menu_upload_result', 'brand_id');
    const menuId = textAt(inner, 'menu_upload_result', 'menu_id');
    const result = uploadResult(inner);
    if (!brandId || !menuId || !result) {
      throw new PayloadError('A Deliveroo menu upload result needs brand_id, menu_id and http_status.');
    }
    return {
      kind: 'MENU',
      reference: menuReference(brandId, menuId),
      outcome:
        result.status === 200
          ? { result: 'APPLIED' }
          : { result: 'FAILED', reason: `Menu upload ${result.status}: ${result.reason}` },
      confirmByAsking: false,
    };
  },
  awaitedAs: (request, connection) =>
    request.kind === 'MENU' && connection.controlIds['brandId']
      ? menuReference(connection.controlIds['brandId'], connection.controlIds['menuId'] ?? request.menu.id)
      : null,
};

const readDeliveroo = (answer: ControlAnswer): ReturnType<typeof readSynchronous> =>
  readSynchronous(answer, deliverooReason);

export const deliverooControl: ProviderControl = {
  results: deliverooResults,
  token: {
    call: (connection) => {
      const clientId = controlId(connection, 'clientId', 'Deliveroo');
      const basic = Buffer.from(`${clientId}:${connectionToken(connection)}`).toString('base64');
      const authBase = connection.controlIds['authUrl'] ?? connection.apiBaseUrl;
      return {
        ...controlCall({ ...connection, apiBaseUrl: authBase }, 'POST', '/oauth2/token', null, {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
        }),
        body: 'grant_type=client_credentials',
      };
    },
    read: (answer) => readAccessToken(answer, 'Deliveroo refused the token request', TOKEN_REUSE_MS),
  },
  menu: {
    // "1 request per minute per site" (Menu API).
    minIntervalMs: 60_000,
    build: (request, connection, context) => [
      controlCall(
        connection,
        'PUT',
        menuPath(connection, request.menu.id),
        deliverooMenuBody(request.menu, connection),
        bearer(context),
      ),
    ],
    read: (answer) => {
      const again = retryable(answer);
      if (again) return again;
      if (answer.status < 200 || answer.status >= 300) return failed(answer, deliverooReason);
      // An identical menu is not processed again: it is live already.
      if (JSON.stringify(answer.body ?? '').includes('MATCH_EXISTING_MENU')) return { result: 'NEXT' };
      return { result: 'ACCEPTED', reference: null };
    },
    confirm: {
      // The result webhook usually comes first; asking is the documented fallback.
      afterMs: 5_000,
      call: (request, connection, context) =>
        controlCall(connection, 'GET', menuPath(connection, request.menu.id), null, bearer(context)),
      read: (answer) => {
        const again = retryable(answer);
        if (again) return again;
        if (answer.status !== 200) return failed(answer, deliverooReason);
        const result = uploadResult(answer.body);
        if (!result) return { result: 'PENDING' };
        if (result.status === 200) return { result: 'APPLIED' };
        return { result: 'FAILED', reason: `Menu upload ${result.status}: ${result.reason}` };
      },
    },
  },
  availability: {
    // Sources disagree on the per-site limit (100 ms to about 1 s): at most one call a second.
    minIntervalMs: 1_000,
    build: (request, connection, context) => [
      controlCall(
        connection,
        'POST',
        `/menu/v2${brandPath(connection)}/sites/${pathSegment(connection.externalStoreId)}/menu/item_unavailabilities`,
        {
          item_unavailabilities: request.items.map((item) => ({
            item_id: item.itemId,
            status: item.state === 'AVAILABLE' ? 'available' : item.state === 'HIDDEN' ? 'hidden' : 'unavailable',
          })),
        },
        bearer(context),
      ),
    ],
    read: readDeliveroo,
  },
  storeStatus: {
    minIntervalMs: 1_000,
    // A pause is CLOSED here; our scheduler opens it again at `until` (the status has no end time).
    build: (request, connection, context) => [
      controlCall(
        connection,
        'PUT',
        `${sitePath(connection)}/status`,
        { status: request.status === 'OPEN' ? 'OPEN' : 'CLOSED' },
        bearer(context),
      ),
    ],
    read: readDeliveroo,
  },
  busyMode: {
    minIntervalMs: 1_000,
    build: (request, connection, context) => {
      const mode = (value: 'BUSY' | 'QUIET') =>
        controlCall(connection, 'PUT', `${sitePath(connection)}/workload/mode`, { mode: value }, bearer(context));
      if (request.prepMinutes === null) return [mode('QUIET')];
      return [
        controlCall(
          connection,
          'PUT',
          `${sitePath(connection)}/workload/times`,
          deliverooWorkloadTimes(request.prepMinutes, connection),
          bearer(context),
        ),
        mode('BUSY'),
      ];
    },
    read: readDeliveroo,
  },
  openingHours: {
    minIntervalMs: 1_000,
    // The POST replaces the whole week; a day may have several periods.
    build: (request, connection, context) => {
      const byDay = periodsByDay(request.periods);
      return [
        controlCall(
          connection,
          'POST',
          `${sitePath(connection)}/opening_hours`,
          {
            opening_hours: Object.fromEntries(DAYS.map((day) => [day.toLowerCase(), byDay.get(day) ?? []])),
          },
          bearer(context),
        ),
      ];
    },
    read: readDeliveroo,
  },
};

export { uploadResult as deliverooUploadResult };
