import type { Random } from '../common/simulation/random';
import {
  orderBuildInputOf,
  basketSubtotal,
  choiceTotal,
  lineTotal,
  randomBasket,
  randomDiscount,
  randomFulfilment,
  type BasketChoice,
  type BuiltOrder,
  type OrderBuildInput,
} from '../common/simulation/basket';
import { countryProfileFor, randomAddress, randomCustomer, randomOrderNote } from '../common/simulation/people';
import { assertFaultApplies, isRecord, JSON_HEADERS, signedBodyHex, WRONG_SECRET } from '../common/simulation/signing';
import { randomUUID } from 'node:crypto';
import {
  SIMULATED_REJECTION,
  type ProviderSimulator,
  type SigningFault,
  type SimulatedControlRoute,
} from '../simulator';

/**
 * Deliveroo order API payloads, deliveroo.md. Money is
 * `{fractional, currency_code}` with `fractional` already in minor units.
 * Prices include VAT (no separate tax) and Deliveroo charges no fee to the
 * restaurant here, so: `total_price` = what the order comes to after the
 * offer (sum of item `total_price` - `offer_discount`), and
 * `partner_order_total` is the same figure (no commission is modelled);
 * `cash_due` is the total for cash orders, else 0. (deliveroo.md leaves the
 * reading open; this is the one Nexara's adapter documents.)
 * A modifier's `quantity` is per unit of its parent; its `total_price` =
 * quantity x (unit_price + its own modifiers), for one unit of the parent;
 * an item's `total_price` = quantity x (unit_price + modifiers).
 */
export type DeliverooMoney = { fractional: number; currency_code: string };

export type DeliverooItem = {
  pos_item_id: string;
  name: string;
  quantity: number;
  unit_price: DeliverooMoney;
  total_price: DeliverooMoney;
  modifiers: DeliverooItem[];
};

export type DeliverooOrderStatus = 'placed' | 'accepted' | 'rejected' | 'confirmed' | 'canceled';

export type DeliverooFulfillmentType = 'deliveroo' | 'customer' | 'restaurant' | 'table_service';

export type DeliverooAddress = {
  street: string;
  number: string;
  address_line_1: string;
  address_line_2: string;
  city: string;
  postcode: string;
  latitude: number;
  longitude: number;
};

export type DeliverooOrder = {
  id: string;
  order_number: string;
  display_id: string;
  location_id: string;
  status: DeliverooOrderStatus;
  status_log: { at: string; status: DeliverooOrderStatus }[];
  fulfillment_type: DeliverooFulfillmentType;
  asap: boolean;
  prepare_for: string;
  start_preparing_at: string;
  notes: string;
  cutlery: boolean;
  total_price: DeliverooMoney;
  partner_order_total: DeliverooMoney;
  offer_discount: DeliverooMoney;
  cash_due: DeliverooMoney;
  items: DeliverooItem[];
  customer: { first_name: string; contact_number: string };
  /** Only when the restaurant delivers itself (`fulfillment_type: "restaurant"`). */
  delivery?: { address: DeliverooAddress; estimated_delivery_at: string };
};

export type DeliverooEvent = {
  event: 'order.new' | 'order.status_update';
  body: { order: DeliverooOrder };
};

function modifierOf(choice: BasketChoice, currency: string): DeliverooItem {
  return {
    pos_item_id: choice.remoteCode,
    name: choice.name,
    quantity: choice.quantity,
    unit_price: { fractional: choice.unitPrice, currency_code: currency },
    total_price: { fractional: choiceTotal(choice), currency_code: currency },
    modifiers: choice.children.map((child) => modifierOf(child, currency)),
  };
}

function deliverooOrderId(random: Random, currency: string): string {
  return `${countryProfileFor(currency).countryCode.toLowerCase()}:${random.uuid()}`;
}

export function buildDeliverooOrder(input: OrderBuildInput): BuiltOrder<DeliverooOrder> {
  const { random, currency, now } = input;
  const fulfilment = input.fulfilment ?? randomFulfilment(random);
  const basket = randomBasket(random, input.externalStoreId, currency, input.menu);
  const subtotal = basketSubtotal(basket);
  const discount = randomDiscount(random, subtotal);
  const total = subtotal - discount;
  const cash = random.chance(0.2);
  const customer = randomCustomer(random, currency, basket.language);
  const restaurantDelivers = fulfilment === 'delivery' && random.chance(0.3);
  const fulfillmentType: DeliverooFulfillmentType =
    fulfilment === 'pickup' ? 'customer' : restaurantDelivers ? 'restaurant' : 'deliveroo';
  const money = (fractional: number): DeliverooMoney => ({ fractional, currency_code: currency });
  const minutes = (n: number): string => new Date(now.getTime() + n * 60 * 1000).toISOString();
  const id = deliverooOrderId(random, currency);

  const order: DeliverooOrder = {
    id,
    order_number: String(random.int(10000, 99999)),
    display_id: String(random.int(1000, 9999)),
    location_id: input.externalStoreId,
    status: 'placed',
    status_log: [{ at: now.toISOString(), status: 'placed' }],
    fulfillment_type: fulfillmentType,
    asap: true,
    prepare_for: minutes(20),
    start_preparing_at: minutes(5),
    notes: randomOrderNote(random, basket.language),
    cutlery: random.chance(0.4),
    total_price: money(total),
    partner_order_total: money(total),
    offer_discount: money(discount),
    cash_due: money(cash ? total : 0),
    items: basket.lines.map((line) => ({
      pos_item_id: line.remoteCode,
      name: line.name,
      quantity: line.quantity,
      unit_price: money(line.unitPrice),
      total_price: money(lineTotal(line)),
      modifiers: line.choices.map((choice) => modifierOf(choice, currency)),
    })),
    customer: { first_name: customer.firstName, contact_number: customer.phone },
  };
  if (restaurantDelivers) {
    const address = randomAddress(random, currency, basket.language);
    order.delivery = {
      address: {
        street: address.street,
        number: address.number,
        address_line_1: `${address.number} ${address.street}`,
        address_line_2: `${address.building}, flat ${address.flatNumber}, ${address.area}`,
        city: address.city,
        postcode: address.postcode,
        latitude: address.latitude,
        longitude: address.longitude,
      },
      estimated_delivery_at: minutes(45),
    };
  }

  return {
    order,
    externalId: id,
    fulfilment,
    totals: { currency, subtotal, deliveryFee: 0, tax: 0, tip: 0, discount, total },
  };
}

/** The same order as Deliveroo reports it after a status change: new status, log appended. */
export function deliverooOrderWithStatus(
  order: DeliverooOrder,
  status: DeliverooOrderStatus,
  at: Date,
): DeliverooOrder {
  return { ...order, status, status_log: [...order.status_log, { at: at.toISOString(), status }] };
}

export function deliverooEvent(event: DeliverooEvent['event'], order: DeliverooOrder): DeliverooEvent {
  return { event, body: { order } };
}

const SIGNING_FAULTS: readonly SigningFault[] = ['bad_signature', 'missing_idempotency', 'missing_auth'];

export type DeliverooSigningInput = {
  secret: string;
  /** The exact body sent: text (signed as UTF-8) or raw bytes. */
  body: string | Uint8Array;
  sequenceGuid: string;
  /** Sign `guid + " \n " + body` like Deliveroo's legacy POS webhooks. */
  legacy?: boolean;
  fault?: SigningFault;
};

/** `X-Deliveroo-Hmac-Sha256` = hex HMAC-SHA256(secret, guid + " " + body). */
export function deliverooHeaders(input: DeliverooSigningInput): Record<string, string> {
  assertFaultApplies('Deliveroo', SIGNING_FAULTS, input.fault);
  const secret = input.fault === 'bad_signature' ? WRONG_SECRET : input.secret;
  const separator = input.legacy ? ' \n ' : ' ';
  const headers: Record<string, string> = {};
  if (input.fault !== 'missing_idempotency') headers['x-deliveroo-sequence-guid'] = input.sequenceGuid;
  if (input.fault !== 'missing_auth') {
    headers['x-deliveroo-hmac-sha256'] = signedBodyHex(secret, `${input.sequenceGuid}${separator}`, input.body);
  }
  return headers;
}

function withId(order: DeliverooOrder, externalId: string | undefined): DeliverooOrder {
  return externalId === undefined ? order : { ...order, id: externalId };
}

/** Deliveroo in the simulator: events posted to the webhook base, keyed by the sequence guid header. */
const deliverooError = (code: string, message: string) => ({ status: 400, body: { error: { code, message } } });
const SITE = '/site/v1/brands/:brandId/sites/:siteId';

/**
 * Deliveroo's control API as its page describes it (deliveroo.md, "Control"):
 * a token, a menu upload answered 200 and processed later (its result read
 * back with the menu GET), item unavailabilities, site status, workload and
 * opening hours; errors as `{"error":{"code","message"}}`.
 */
const deliverooControlRoutes: readonly SimulatedControlRoute[] = [
  {
    name: 'token',
    method: 'POST',
    path: '/oauth2/token',
    answer: (_params, _body, memory) => {
      const issued = Number(memory.get('tokens') ?? 0) + 1;
      memory.set('tokens', issued);
      return { status: 200, body: { access_token: `sim-token-${issued}`, token_type: 'bearer', expires_in: 300 } };
    },
  },
  {
    name: 'upload_menu',
    method: 'PUT',
    path: '/menu/v1/brands/:brandId/menus/:menuId',
    answer: (params, body, memory) => {
      if (!isRecord(body) || !isRecord(body['menu']) || !Array.isArray(body['menu']['items'])) {
        return deliverooError('INVALID_MENU', 'The body needs name, site_ids and menu.items.');
      }
      if (!Array.isArray(body['site_ids'])) {
        return deliverooError('INVALID_MENU', 'The body needs name, site_ids and menu.items.');
      }
      const key = `menu:${params['brandId']}:${params['menuId']}`;
      const text = JSON.stringify(body);
      if (memory.get(`${key}:body`) === text) return { status: 200, body: { status: 'MATCH_EXISTING_MENU' } };
      memory.set(`${key}:body`, text);
      const rejection = memory.get(SIMULATED_REJECTION) as string | undefined;
      memory.delete(SIMULATED_REJECTION);
      const result = {
        http_status: rejection ? 400 : 200,
        brand_id: params['brandId'],
        menu_id: params['menuId'],
        site_ids: body['site_ids'],
        ...(rejection ? { errors: { processing: rejection } } : {}),
      };
      memory.set(key, result);
      const siteIds = body['site_ids'] as unknown[];
      return {
        status: 200,
        body: {},
        // The menu upload result webhook (deliveroo.md, "Control"), to the connection's menu-events path.
        result: {
          externalStoreId: String(siteIds[0] ?? ''),
          build: async (connection, _now) => {
            const payload = JSON.stringify({ event: 'menu.upload_result', body: { menu_upload_result: result } });
            return {
              method: 'POST',
              url: `${connection.webhookUrl}/menu-events`,
              headers: {
                ...JSON_HEADERS,
                ...deliverooHeaders({ secret: connection.secret, body: payload, sequenceGuid: randomUUID() }),
                'x-deliveroo-payload-type': 'webhook_menu',
                'x-deliveroo-webhook-version': '1',
              },
              body: payload,
            };
          },
        },
      };
    },
  },
  {
    name: 'menu',
    method: 'GET',
    path: '/menu/v1/brands/:brandId/menus/:menuId',
    answer: (params, _body, memory) => {
      const result = memory.get(`menu:${params['brandId']}:${params['menuId']}`);
      if (!result) return { status: 404, body: { error: { code: 'NOT_FOUND', message: 'No such menu.' } } };
      return { status: 200, body: { id: params['menuId'], menu_upload_result: result } };
    },
  },
  {
    name: 'item_unavailabilities',
    method: 'POST',
    path: '/menu/v2/brands/:brandId/sites/:siteId/menu/item_unavailabilities',
    answer: (_params, body) =>
      isRecord(body) && Array.isArray(body['item_unavailabilities'])
        ? { status: 200, body: {} }
        : deliverooError('INVALID_REQUEST', 'item_unavailabilities must be a list.'),
  },
  {
    name: 'site_status',
    method: 'PUT',
    path: `${SITE}/status`,
    answer: (_params, body) =>
      isRecord(body) && ['OPEN', 'CLOSED', 'READY_TO_OPEN'].includes(String(body['status']))
        ? { status: 200, body: { status: body['status'] } }
        : deliverooError('INVALID_STATUS', 'status must be OPEN, CLOSED or READY_TO_OPEN.'),
  },
  {
    name: 'workload_mode',
    method: 'PUT',
    path: `${SITE}/workload/mode`,
    answer: (_params, body) =>
      isRecord(body) && ['BUSY', 'QUIET'].includes(String(body['mode']))
        ? { status: 200, body: { mode: body['mode'] } }
        : deliverooError('INVALID_MODE', 'mode must be BUSY or QUIET.'),
  },
  {
    name: 'workload_times',
    method: 'PUT',
    path: `${SITE}/workload/times`,
    answer: (_params, body) => {
      const busy = isRecord(body) ? Number(body['busy']) : Number.NaN;
      const quiet = isRecord(body) ? Number(body['quiet']) : Number.NaN;
      return busy > quiet && (busy - quiet) % 5 === 0
        ? { status: 200, body: { busy, quiet } }
        : deliverooError('INVALID_WORKLOAD_TIMES', 'busy must exceed quiet by a multiple of 5 minutes.');
    },
  },
  { name: 'opening_hours', method: 'POST', path: `${SITE}/opening_hours`, answer: () => ({ status: 200, body: {} }) },
];

export const deliverooSimulator: ProviderSimulator = {
  statuses: ['placed', 'accepted', 'rejected', 'confirmed', 'canceled'] satisfies DeliverooOrderStatus[],
  progression: ['accepted', 'confirmed'],
  cancellation: 'canceled',
  signingFaults: SIGNING_FAULTS,
  async buildWebhook(input) {
    const { connection, kind, random, now } = input;
    const orderInput = orderBuildInputOf(input);
    let order: DeliverooOrder;
    let totals = null;
    if (kind === 'new_order') {
      const built = buildDeliverooOrder({ ...orderInput, fulfilment: input.fulfilment });
      order = built.order;
      totals = built.totals;
    } else {
      const previous =
        (input.previous as DeliverooOrder | undefined) ??
        withId(buildDeliverooOrder(orderInput).order, input.externalId);
      order = deliverooOrderWithStatus(previous, input.status as DeliverooOrderStatus, now);
    }
    const body = JSON.stringify(deliverooEvent(kind === 'new_order' ? 'order.new' : 'order.status_update', order));
    const sequenceGuid = random.uuid();
    const auth = deliverooHeaders({
      secret: connection.secret,
      body,
      sequenceGuid,
      legacy: input.legacySignature,
      fault: input.fault,
    });
    return {
      method: 'POST',
      url: input.baseUrl,
      headers: { ...JSON_HEADERS, ...auth },
      body,
      externalId: order.id,
      idempotencyKey: input.fault === 'missing_idempotency' ? null : sequenceGuid,
      order,
      totals,
    };
  },
  signedHeaders: async ({ secret, body, idempotencyKey }) =>
    deliverooHeaders({ secret, body, sequenceGuid: idempotencyKey }),
  callbackRoutes: [
    { name: 'update_order_status', method: 'PATCH', path: '/order/v1/orders/:id', answer: () => ({}) },
    { name: 'sync_status', method: 'POST', path: '/order/v1/orders/:id/sync_status', answer: () => ({}) },
  ],
  controlRoutes: deliverooControlRoutes,
  checkAnswer: (_kind, answer) =>
    answer.status < 200 || answer.status > 299 || answer.status === 200
      ? null
      : `Deliveroo expects 200, got ${answer.status}.`,
};
