import { minorToDecimalNumber, vatPercentOf } from '../common/simulation/money';
import type { Random } from '../common/simulation/random';
import {
  orderBuildInputOf,
  basketSubtotal,
  flattenChoices,
  gcd,
  lineUnitTotal,
  randomBasket,
  randomDeliveryFee,
  randomDiscount,
  randomFulfilment,
  type BuiltOrder,
  type OrderBuildInput,
} from '../common/simulation/basket';
import { randomCustomer, randomOrderNote } from '../common/simulation/people';
import {
  assertFaultApplies,
  isRecord,
  JSON_HEADERS,
  receiptProblem,
  signedBodyHex,
  TIMESTAMP_FAULT_SECONDS,
  WRONG_SECRET,
} from '../common/simulation/signing';
import { randomUUID } from 'node:crypto';
import {
  SIMULATED_REJECTION,
  type ProviderSimulator,
  type SigningFault,
  type SimulatedControlRoute,
} from '../simulator';

/**
 * Careem payloads, careem.md (our contract). Money is JSON numbers
 * in major units; the currency comes from the connection.
 *
 * Semantics the totals follow: item `price` is for one item without options;
 * an option's `price` is for one option unit and its `quantity` is per item
 * unit (nested choices are flattened, quantities multiplied); a line costs
 * quantity x (price + sum(option price x option quantity)).
 * `original_total_price` = sum of lines (before fee and discount);
 * `total_taxable_price` = original_total_price + delivery_fee - discount;
 * tax = total_taxable_price x tax_percentage / 100 (exact: the simulator
 * nudges the fee or discount by a few minor units so no rounding is involved);
 * total = total_taxable_price + tax.
 */
export type CareemOption = { id: string; name: string; quantity: number; price: number };

export type CareemItem = { id: string; name: string; quantity: number; price: number; options: CareemOption[] };

export type CareemOrderStatus =
  'pending' | 'accepted' | 'ready' | 'driver_coming' | 'driver_here' | 'trip_started' | 'trip_ended' | 'cancelled';

export type CareemOrderDetails = {
  /** Careem's order ids are integers. */
  id: number;
  status: CareemOrderStatus;
  branch: { id: string; name: string };
  /** `careem` (a captain delivers), `merchant` (the restaurant delivers) or `self_pickup`. */
  delivery_type: 'careem' | 'merchant' | 'self_pickup';
  customer: { name: string; phone_number: string; payment_type: 'cash' | 'card' };
  items: CareemItem[];
  price: {
    original_total_price: number;
    total_taxable_price: number;
    tax_percentage: number;
    delivery_fee: number;
    discount: number;
  };
  notes: string;
  created_at: string;
};

export type CareemEvent = {
  event_type: 'ORDER_CREATED' | 'ORDER_STATUS_UPDATED';
  event_id: string;
  details: CareemOrderDetails;
};

export function buildCareemOrder(input: OrderBuildInput): BuiltOrder<CareemOrderDetails> {
  const { random, currency, now } = input;
  const fulfilment = input.fulfilment ?? randomFulfilment(random);
  const basket = randomBasket(random, input.externalStoreId, currency, input.menu);
  const subtotal = basketSubtotal(basket);
  let deliveryFee = randomDeliveryFee(random, currency, fulfilment);
  let discount = randomDiscount(random, subtotal);
  const taxPercentage = vatPercentOf(currency);

  // Tax is not sent, only its base and rate: keep base x rate a whole number of
  // minor units so every correct reading of the contract finds the same tax.
  const step = taxPercentage === 0 ? 1 : 100 / gcd(taxPercentage, 100);
  const remainder = (subtotal + deliveryFee - discount) % step;
  if (remainder !== 0) {
    if (deliveryFee > 0) deliveryFee += step - remainder;
    else discount += remainder;
  }
  const taxable = subtotal + deliveryFee - discount;
  const tax = (taxable * taxPercentage) / 100;
  const total = taxable + tax;

  const customer = randomCustomer(random, currency, basket.language);
  const number = (minor: number): number => minorToDecimalNumber(minor, currency);
  const id = random.int(10_000_000, 99_999_999);
  const area = random.pick(['Downtown', 'Marina', 'Al Olaya', 'Salmiya', 'Seef']);

  const details: CareemOrderDetails = {
    id,
    status: 'pending',
    branch: { id: input.externalStoreId, name: `${basket.menu[basket.language]}, ${area}` },
    delivery_type: fulfilment === 'pickup' ? 'self_pickup' : random.chance(0.8) ? 'careem' : 'merchant',
    customer: {
      name: `${customer.firstName} ${customer.lastName}`,
      phone_number: customer.phone,
      payment_type: random.chance(0.25) ? 'cash' : 'card',
    },
    items: basket.lines.map((line) => ({
      id: line.remoteCode,
      name: line.name,
      quantity: line.quantity,
      price: number(line.unitPrice),
      options: flattenChoices(line.choices).map((choice) => ({
        id: choice.remoteCode,
        name: choice.name,
        quantity: choice.quantity,
        price: number(choice.unitPrice),
      })),
    })),
    price: {
      original_total_price: number(subtotal),
      total_taxable_price: number(taxable),
      tax_percentage: taxPercentage,
      delivery_fee: number(deliveryFee),
      discount: number(discount),
    },
    notes: randomOrderNote(random, basket.language),
    created_at: now.toISOString(),
  };
  // The flattened options must price the line exactly like the nested basket.
  for (const [index, line] of basket.lines.entries()) {
    const flat = flattenChoices(line.choices).reduce((sum, choice) => sum + choice.unitPrice * choice.quantity, 0);
    if (line.unitPrice + flat !== lineUnitTotal(line))
      throw new Error(`Careem line ${index} does not price like its basket line.`);
  }

  return {
    order: details,
    externalId: String(id),
    fulfilment,
    totals: { currency, subtotal, deliveryFee, tax, tip: 0, discount, total },
  };
}

export function careemEvent(
  eventType: CareemEvent['event_type'],
  details: CareemOrderDetails,
  random: Random,
): CareemEvent {
  return { event_type: eventType, event_id: random.uuid(), details };
}

const STATUSES = [
  'pending',
  'accepted',
  'ready',
  'driver_coming',
  'driver_here',
  'trip_started',
  'trip_ended',
  'cancelled',
] as const satisfies readonly CareemOrderStatus[];
const SIGNING_FAULTS: readonly SigningFault[] = [
  'bad_signature',
  'stale_timestamp',
  'future_timestamp',
  'missing_auth',
];

export type CareemSigningInput = { secret: string; body: string | Uint8Array; now: Date; fault?: SigningFault };

/** `X-Careem-Signature` = hex HMAC-SHA256(secret, timestamp + "." + body), `X-Careem-Timestamp` in unix seconds. */
export function careemHeaders(input: CareemSigningInput): Record<string, string> {
  assertFaultApplies('Careem', SIGNING_FAULTS, input.fault);
  const skew =
    input.fault === 'stale_timestamp'
      ? -TIMESTAMP_FAULT_SECONDS
      : input.fault === 'future_timestamp'
        ? TIMESTAMP_FAULT_SECONDS
        : 0;
  const timestamp = String(Math.floor(input.now.getTime() / 1000) + skew);
  if (input.fault === 'missing_auth') return { 'x-careem-timestamp': timestamp };
  const secret = input.fault === 'bad_signature' ? WRONG_SECRET : input.secret;
  return {
    'x-careem-signature': signedBodyHex(secret, `${timestamp}.`, input.body),
    'x-careem-timestamp': timestamp,
  };
}

/** Careem in the simulator: events posted to the webhook base, keyed by `event_id`. */
/**
 * Careem's control API, our contract (careem.md, "Control"): a catalog push
 * answered 202 with a request id (its result comes by webhook), availability
 * answered with what it updated and what it could not, and 204 for the rest.
 */
const careemControlRoutes: readonly SimulatedControlRoute[] = [
  {
    name: 'put_catalog',
    method: 'PUT',
    path: '/catalogs',
    answer: (_params, body, memory, headers) => {
      if (!isRecord(body) || !isRecord(body['catalog']) || !Array.isArray(body['items'])) {
        return {
          status: 422,
          body: {
            error: 'validation',
            message: 'Invalid catalog',
            details: { catalog: ['catalog and items are required'] },
          },
        };
      }
      const request = Number(memory.get('requests') ?? 0) + 1;
      memory.set('requests', request);
      const rejection = memory.get(SIMULATED_REJECTION) as string | undefined;
      memory.delete(SIMULATED_REJECTION);
      const catalogId = String(body['catalog']['id']);
      const branchId = headers['branch-id'] ?? '';
      const event = {
        event_type: rejection ? 'CATALOG_REJECTED' : 'CATALOG_PUBLISHED',
        event_id: randomUUID(),
        details: {
          catalog_id: catalogId,
          request_id: `req-${request}`,
          branch: { id: branchId },
          errors: rejection ? [{ id: catalogId, field: 'catalog', message: rejection }] : [],
        },
      };
      return {
        status: 202,
        body: { catalog_id: catalogId, request_id: `req-${request}`, status: 'accepted' },
        // The result comes by webhook, on the order route with the same signature (careem.md, "Control").
        result: {
          externalStoreId: branchId,
          build: async (connection, now) => {
            const text = JSON.stringify(event);
            return {
              method: 'POST',
              url: connection.webhookUrl,
              headers: { ...JSON_HEADERS, ...careemHeaders({ secret: connection.secret, body: text, now }) },
              body: text,
            };
          },
        },
      };
    },
  },
  {
    name: 'item_availability',
    method: 'PATCH',
    path: '/catalogs/items/availability',
    answer: (_params, body) => {
      const items = isRecord(body) && Array.isArray(body['items']) ? body['items'] : null;
      if (!items) return { status: 400, body: { error: 'validation', message: 'items must be a list' } };
      return { status: 200, body: { updated: items.length, failed: [] } };
    },
  },
  { name: 'branch_status', method: 'PUT', path: '/branches/:id/status', answer: () => ({ status: 204 }) },
  { name: 'preparation_time', method: 'PUT', path: '/branches/:id/preparation-time', answer: () => ({ status: 204 }) },
  { name: 'operational_hours', method: 'PUT', path: '/operational-hours', answer: () => ({ status: 204 }) },
];

export const careemSimulator: ProviderSimulator = {
  statuses: STATUSES,
  progression: ['accepted', 'ready', 'driver_coming', 'driver_here', 'trip_started', 'trip_ended'],
  cancellation: 'cancelled',
  signingFaults: SIGNING_FAULTS,
  async buildWebhook(input) {
    const { connection, kind, random, now } = input;
    const orderInput = orderBuildInputOf(input);
    let details: CareemOrderDetails;
    let totals = null;
    if (kind === 'new_order') {
      const built = buildCareemOrder({ ...orderInput, fulfilment: input.fulfilment });
      details = built.order;
      totals = built.totals;
    } else {
      const previous = (input.previous as CareemOrderDetails | undefined) ?? buildCareemOrder(orderInput).order;
      const id = input.previous ? previous.id : input.externalId !== undefined ? Number(input.externalId) : previous.id;
      details = { ...previous, id, status: input.status as CareemOrderStatus };
    }
    const event = careemEvent(kind === 'new_order' ? 'ORDER_CREATED' : 'ORDER_STATUS_UPDATED', details, random);
    const body = JSON.stringify(event);
    return {
      method: 'POST',
      url: input.baseUrl,
      headers: { ...JSON_HEADERS, ...careemHeaders({ secret: connection.secret, body, now, fault: input.fault }) },
      body,
      externalId: String(details.id),
      idempotencyKey: event.event_id,
      order: details,
      totals,
    };
  },
  signedHeaders: async ({ secret, body, now }) => careemHeaders({ secret, body, now }),
  callbackRoutes: [
    {
      name: 'update_order',
      method: 'PUT',
      path: '/orders/:id',
      answer: (params, body) => ({ id: params['id'], state: isRecord(body) ? body['state'] : undefined }),
    },
  ],
  controlRoutes: careemControlRoutes,
  checkAnswer: (_kind, answer) => receiptProblem('Careem', answer),
};
