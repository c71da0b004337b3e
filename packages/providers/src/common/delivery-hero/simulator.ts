import { SignJWT, UnsecuredJWT } from 'jose';
import {
  SIMULATED_REJECTION,
  type ProviderSimulator,
  type SigningFault,
  type SimulatedControlRoute,
} from '../../simulator';
import { minorToDecimalString, percentOfMinor, vatPercentOf, localPriceMinor } from '../simulation/money';
import type { Random } from '../simulation/random';
import {
  orderBuildInputOf,
  basketSubtotal,
  lineTotal,
  numericIdOf,
  randomBasket,
  randomDeliveryFee,
  randomDiscount,
  randomFulfilment,
  type BasketChoice,
  type BuiltOrder,
  type OrderBuildInput,
} from '../simulation/basket';
import { countryProfileFor, randomAddress, randomCustomer, randomOrderNote } from '../simulation/people';
import {
  answeredRemoteOrderId,
  assertFaultApplies,
  isRecord,
  JSON_HEADERS,
  TIMESTAMP_FAULT_SECONDS,
  WRONG_SECRET,
} from '../simulation/signing';
import { DELIVERY_HERO_UNDERSTOOD_STATUSES } from './answer-statuses';

/**
 * Delivery Hero POS plugin API payloads, delivery-hero.md.
 * Prices are decimal strings with the currency's exponent; the order carries no
 * ISO currency code (only `localInfo.currencySymbol`), the platform takes it from
 * the connection.
 *
 * Semantics the totals follow (net prices, VAT added on top):
 * topping `price` is for one topping unit, its `quantity` per product unit,
 * `children` nest the same way; product `paidPrice` = quantity x (unitPrice +
 * toppings); `grandTotal` = sum(paidPrice) + sum(deliveryFees) + vatTotal +
 * riderTip - discountAmountTotal; `totalNet` = grandTotal - vatTotal.
 */
export type DeliveryHeroTopping = {
  id: string;
  remoteCode: string;
  name: string;
  price: string;
  quantity: number;
  children: DeliveryHeroTopping[];
};

export type DeliveryHeroProduct = {
  id: string;
  remoteCode: string;
  name: string;
  quantity: number;
  unitPrice: string;
  paidPrice: string;
  comment: string;
  selectedToppings: DeliveryHeroTopping[];
};

export type DeliveryHeroAddress = {
  street: string;
  number: string;
  building: string;
  floor: string;
  flatNumber: string;
  city: string;
  postcode: string;
  latitude: number;
  longitude: number;
  deliveryInstructions: string;
};

export type DeliveryHeroOrder = {
  token: string;
  code: string;
  shortCode: string;
  createdAt: string;
  expiryDate: string;
  expeditionType: 'pickup' | 'delivery';
  preOrder: boolean;
  test: boolean;
  customer: { firstName: string; lastName: string; mobilePhone: string };
  /** Null for pick-up orders. */
  delivery: { address: DeliveryHeroAddress; expectedDeliveryTime: string; riderPickupTime: string } | null;
  price: {
    grandTotal: string;
    totalNet: string;
    vatTotal: string;
    deliveryFees: { name: string; value: string }[];
    riderTip: string;
    discountAmountTotal: string;
  };
  localInfo: { countryCode: string; currencySymbol: string };
  products: DeliveryHeroProduct[];
  payment: { type: string; status: string };
  comments: { customerComment: string };
  platformRestaurant: { id: string };
};

export type DeliveryHeroPosOrderStatus = 'ORDER_CANCELLED' | 'ORDER_PICKED_UP';

export type DeliveryHeroStatusUpdate = { status: DeliveryHeroPosOrderStatus; message: string };

/** The platform gives the restaurant until `expiryDate` to answer. */
const ACCEPT_WINDOW_MS = 10 * 60 * 1000;

function toTopping(choice: BasketChoice, currency: string): DeliveryHeroTopping {
  return {
    id: String(numericIdOf(choice.id)),
    remoteCode: choice.remoteCode,
    name: choice.name,
    price: minorToDecimalString(choice.unitPrice, currency),
    quantity: choice.quantity,
    children: choice.children.map((child) => toTopping(child, currency)),
  };
}

function orderCode(random: Random): string {
  return `${random.hex(4)}-${random.hex(4)}`;
}

export function buildDeliveryHeroOrder(input: OrderBuildInput): BuiltOrder<DeliveryHeroOrder> {
  const { random, currency, now } = input;
  const fulfilment = input.fulfilment ?? randomFulfilment(random);
  const basket = randomBasket(random, input.externalStoreId, currency, input.menu);
  const profile = countryProfileFor(currency);
  const subtotal = basketSubtotal(basket);

  const deliveryFee = randomDeliveryFee(random, currency, fulfilment);
  // Some markets add a small service fee next to the delivery fee: two entries exercise summing the list.
  const serviceFee = random.chance(0.3) ? localPriceMinor(random.pick([100, 150, 200]), currency) : 0;
  const fees = [
    ...(fulfilment === 'delivery'
      ? [{ name: basket.language === 'ar' ? 'رسوم التوصيل' : 'Delivery fee', value: deliveryFee }]
      : []),
    ...(serviceFee > 0 ? [{ name: basket.language === 'ar' ? 'رسوم الخدمة' : 'Service fee', value: serviceFee }] : []),
  ];
  const feeTotal = fees.reduce((sum, fee) => sum + fee.value, 0);
  const discount = randomDiscount(random, subtotal);
  const vat = percentOfMinor(subtotal + feeTotal - discount, vatPercentOf(currency));
  const tip =
    fulfilment === 'delivery' && random.chance(0.3) ? localPriceMinor(random.pick([200, 300, 500, 1000]), currency) : 0;
  const total = subtotal + feeTotal + vat + tip - discount;

  const customer = randomCustomer(random, currency, basket.language);
  const address = randomAddress(random, currency, basket.language);
  const online = random.chance(0.7);
  const token = random.uuid();
  const money = (minor: number): string => minorToDecimalString(minor, currency);

  const order: DeliveryHeroOrder = {
    token,
    code: orderCode(random),
    shortCode: String(random.int(10, 999)),
    createdAt: now.toISOString(),
    expiryDate: new Date(now.getTime() + ACCEPT_WINDOW_MS).toISOString(),
    expeditionType: fulfilment,
    preOrder: false,
    test: false,
    customer: { firstName: customer.firstName, lastName: customer.lastName, mobilePhone: customer.phone },
    delivery:
      fulfilment === 'delivery'
        ? {
            address: {
              street: address.street,
              number: address.number,
              building: address.building,
              floor: address.floor,
              flatNumber: address.flatNumber,
              city: `${address.area}, ${address.city}`,
              postcode: address.postcode,
              latitude: address.latitude,
              longitude: address.longitude,
              deliveryInstructions: address.instructions,
            },
            expectedDeliveryTime: new Date(now.getTime() + 40 * 60 * 1000).toISOString(),
            riderPickupTime: new Date(now.getTime() + 20 * 60 * 1000).toISOString(),
          }
        : null,
    price: {
      grandTotal: money(total),
      totalNet: money(total - vat),
      vatTotal: money(vat),
      deliveryFees: fees.map((fee) => ({ name: fee.name, value: money(fee.value) })),
      riderTip: money(tip),
      discountAmountTotal: money(discount),
    },
    localInfo: { countryCode: profile.countryCode, currencySymbol: profile.currencySymbol },
    products: basket.lines.map((line) => ({
      id: String(line.platformId),
      remoteCode: line.remoteCode,
      name: line.name,
      quantity: line.quantity,
      unitPrice: money(line.unitPrice),
      paidPrice: money(lineTotal(line)),
      comment: line.note,
      selectedToppings: line.choices.map((choice) => toTopping(choice, currency)),
    })),
    payment: online
      ? {
          type: random.pick(currency === 'KWD' ? ['knet', 'creditcard', 'apple_pay'] : ['creditcard', 'apple_pay']),
          status: 'paid',
        }
      : { type: 'cash', status: 'pending' },
    comments: { customerComment: randomOrderNote(random, basket.language) },
    platformRestaurant: { id: input.externalStoreId },
  };

  return {
    order,
    externalId: token,
    fulfilment,
    totals: { currency, subtotal, deliveryFee: feeTotal, tax: vat, tip, discount, total },
  };
}

export function buildDeliveryHeroStatusUpdate(
  status: DeliveryHeroPosOrderStatus,
  message?: string,
): DeliveryHeroStatusUpdate {
  const fallback = status === 'ORDER_CANCELLED' ? 'Customer cancelled the order' : 'Rider picked up the order';
  return { status, message: message ?? fallback };
}

const SIGNING_FAULTS: readonly SigningFault[] = [
  'bad_signature',
  'future_timestamp',
  'alg_none',
  'alg_hs256',
  'expired_token',
  'missing_auth',
];

export type MiddlewareSigningInput = {
  secret: string;
  now: Date;
  /** Lifetime of a valid token; 300 s unless told. */
  expiresInSeconds?: number;
  fault?: SigningFault;
};

/** A Delivery Hero middleware token: HS512 over the connection secret, `{service: "middleware", iat, exp}`. */
export async function middlewareToken(input: MiddlewareSigningInput): Promise<string> {
  assertFaultApplies('Delivery Hero', SIGNING_FAULTS, input.fault);
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  const lifetime = input.expiresInSeconds ?? 300;
  let iat = nowSeconds;
  let exp = nowSeconds + lifetime;
  if (input.fault === 'future_timestamp') {
    iat = nowSeconds + TIMESTAMP_FAULT_SECONDS;
    exp = iat + lifetime;
  } else if (input.fault === 'expired_token') {
    iat = nowSeconds - 120;
    exp = nowSeconds - 60;
  }
  const claims = { service: 'middleware', iat, exp };
  if (input.fault === 'alg_none') return new UnsecuredJWT(claims).encode();
  const alg = input.fault === 'alg_hs256' ? 'HS256' : 'HS512';
  const secret = input.fault === 'bad_signature' ? WRONG_SECRET : input.secret;
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

export async function middlewareHeaders(input: MiddlewareSigningInput): Promise<Record<string, string>> {
  if (input.fault === 'missing_auth') return {};
  return { authorization: `Bearer ${await middlewareToken(input)}` };
}

function withToken(order: DeliveryHeroOrder, externalId: string | undefined): DeliveryHeroOrder {
  return externalId === undefined ? order : { ...order, token: externalId };
}

/**
 * One Delivery Hero brand in the simulator: new orders to `order/{remoteId}`,
 * status calls to `remoteId/{remoteId}/remoteOrder/{remoteOrderId}/posOrderStatus`
 * naming the order by the `remoteOrderId` the platform answered.
 */
/**
 * The middleware's control API as delivery-hero.md describes it ("Control"):
 * a login, a catalog accepted with an import id whose import log says
 * `done` when it is read, item availability (204) and vendor availability.
 */
const deliveryHeroControlRoutes: readonly SimulatedControlRoute[] = [
  {
    name: 'login',
    method: 'POST',
    path: '/v2/login',
    answer: () => ({ status: 200, body: { access_token: 'sim-plugin-token', token_type: 'bearer', expires_in: 1800 } }),
  },
  {
    name: 'put_catalog',
    method: 'PUT',
    path: '/v2/chains/:chainCode/catalog',
    answer: (_params, body, memory) => {
      if (!isRecord(body) || !isRecord(body['catalog']) || !Array.isArray(body['vendors'])) {
        return { status: 400, body: { code: 'VALIDATION_FAILED', message: 'catalog and vendors are required' } };
      }
      const imported = Number(memory.get('imports') ?? 0) + 1;
      memory.set('imports', imported);
      const rejection = memory.get(SIMULATED_REJECTION) as string | undefined;
      memory.delete(SIMULATED_REJECTION);
      const catalogImportId = `import-${imported}`;
      const entry = rejection
        ? { catalogImportId, status: 'failed', message: rejection }
        : { catalogImportId, status: 'done', message: 'Catalog imported' };
      for (const vendor of body['vendors']) {
        const logs = (memory.get(`logs:${String(vendor)}`) as unknown[] | undefined) ?? [];
        memory.set(`logs:${String(vendor)}`, [...logs, entry]);
      }
      const told = typeof body['callbackUrl'] === 'string';
      return {
        status: 202,
        body: { status: 'submitted', catalogImportId },
        // The import status callback, only when the upload named a callbackUrl (the connection's
        // `/catalog-status`), with the plugin's bearer JWT (delivery-hero.md, "Control").
        ...(told
          ? {
              result: {
                externalStoreId: String(body['vendors'][0] ?? ''),
                build: async (connection, now) => ({
                  method: 'POST' as const,
                  url: `${connection.webhookUrl}/catalog-status`,
                  headers: {
                    ...JSON_HEADERS,
                    ...(await middlewareHeaders({ secret: connection.secret, now })),
                  },
                  body: JSON.stringify({ ...entry, details: [] }),
                }),
              },
            }
          : {}),
      };
    },
  },
  {
    name: 'menu_import_logs',
    method: 'GET',
    path: '/v2/chains/:chainCode/vendors/:vendorId/menu-import-logs',
    answer: (params, _body, memory) => ({ status: 200, body: memory.get(`logs:${params['vendorId']}`) ?? [] }),
  },
  {
    name: 'item_availability',
    method: 'POST',
    path: '/v2/chains/:chainCode/vendors/:vendorId/catalog/items/availability',
    answer: (_params, body) =>
      isRecord(body) && Array.isArray(body['items']) && ['ITEM', 'TOPPING'].includes(String(body['type']))
        ? { status: 204 }
        : { status: 400, body: { code: 'VALIDATION_FAILED', message: 'items and type are required' } },
  },
  {
    name: 'vendor_availability',
    method: 'PUT',
    path: '/v2/chains/:chainCode/remoteVendors/:vendorId/availability',
    answer: (_params, body) => {
      if (
        !isRecord(body) ||
        !['OPEN', 'CLOSED', 'CLOSED_UNTIL', 'CLOSED_TODAY'].includes(String(body['availabilityState']))
      ) {
        return { status: 400, body: { code: 'POS_ERROR', message: 'unknown availabilityState' } };
      }
      // A closure's reason is one of the GET's list.
      if (body['availabilityState'] === 'CLOSED_UNTIL' && !CLOSING_REASONS.includes(String(body['closedReason']))) {
        return { status: 400, body: { code: 'POS_ERROR', message: 'closedReason not allowed' } };
      }
      return { status: 200, body: {} };
    },
  },
];

const CLOSING_REASONS = ['TOO_BUSY_KITCHEN', 'TOO_MANY_ORDERS', 'TECHNICAL_PROBLEM', 'UPDATES_IN_MENU'];
const CLOSING_MINUTES = [15, 30, 45, 60, 90, 120, 180, 240];

/** The vendor on one platform, as `GET …/availability` lists it: changeable, with the reasons and minutes a closure may carry. */
function vendorAvailabilityRoute(platform: {
  platformKey: string;
  platformRestaurantId: string;
}): SimulatedControlRoute {
  return {
    name: 'vendor_availability',
    method: 'GET',
    path: '/v2/chains/:chainCode/remoteVendors/:vendorId/availability',
    answer: () => ({
      status: 200,
      body: [
        {
          availabilityState: 'OPEN',
          changeable: true,
          closedReason: null,
          closingMinutes: CLOSING_MINUTES,
          closingReasons: CLOSING_REASONS,
          platformKey: platform.platformKey,
          platformRestaurantId: platform.platformRestaurantId,
          platformType: 'DELIVERY',
        },
      ],
    }),
  };
}

/** `platform`: the platform the simulated vendor is on (the brand's demo ids). */
export function deliveryHeroSimulator(
  brand: string,
  platform: { platformKey: string; platformRestaurantId: string },
): ProviderSimulator {
  return {
    statuses: ['ORDER_PICKED_UP', 'ORDER_CANCELLED'] satisfies DeliveryHeroPosOrderStatus[],
    progression: ['ORDER_PICKED_UP'],
    cancellation: 'ORDER_CANCELLED',
    signingFaults: SIGNING_FAULTS,
    async buildWebhook(input) {
      const { connection, kind, now } = input;
      const orderInput = orderBuildInputOf(input);
      const auth = await middlewareHeaders({
        secret: connection.secret,
        now,
        fault: input.fault,
        expiresInSeconds: input.tokenLifetimeSeconds,
      });
      const remoteId = encodeURIComponent(connection.externalStoreId);
      if (kind === 'new_order') {
        const built = buildDeliveryHeroOrder({ ...orderInput, fulfilment: input.fulfilment });
        return {
          method: 'POST',
          url: `${input.baseUrl}/order/${remoteId}`,
          headers: { ...JSON_HEADERS, ...auth },
          body: JSON.stringify(built.order),
          externalId: built.order.token,
          idempotencyKey: built.order.token,
          order: built.order,
          totals: built.totals,
        };
      }
      if (!input.remoteOrderId) {
        throw new Error(
          `A ${brand} status call needs remoteOrderId: the id the platform answered in remoteResponse.remoteOrderId.`,
        );
      }
      const order =
        (input.previous as DeliveryHeroOrder | undefined) ??
        withToken(buildDeliveryHeroOrder(orderInput).order, input.externalId);
      const update = buildDeliveryHeroStatusUpdate(input.status as DeliveryHeroPosOrderStatus, input.reason);
      const remoteOrderId = encodeURIComponent(input.remoteOrderId);
      return {
        method: 'PUT',
        url: `${input.baseUrl}/remoteId/${remoteId}/remoteOrder/${remoteOrderId}/posOrderStatus`,
        headers: { ...JSON_HEADERS, ...auth },
        body: JSON.stringify(update),
        externalId: order.token,
        idempotencyKey: `${input.remoteOrderId}:${input.status}`,
        order,
        totals: null,
      };
    },
    signedHeaders: ({ secret, now }) => middlewareHeaders({ secret, now }),
    callbackRoutes: [
      {
        name: 'update_order_status',
        method: 'POST',
        path: '/v2/chains/:chainCode/orders/:token/status',
        answer: () => ({}),
      },
    ],
    controlRoutes: [...deliveryHeroControlRoutes, vendorAvailabilityRoute(platform)],
    checkAnswer(kind, answer) {
      const understood: readonly number[] = DELIVERY_HERO_UNDERSTOOD_STATUSES;
      if (!understood.includes(answer.status)) {
        return `${brand}'s middleware only understands ${understood.join(', ')}; got ${answer.status}.`;
      }
      if (kind === 'new_order' && answer.status >= 200 && answer.status <= 299) {
        if (answeredRemoteOrderId(answer.body) === null) {
          return `${brand} expects {"remoteResponse": {"remoteOrderId": "<id>"}} in answer to a new order.`;
        }
      }
      return null;
    },
    followUpReference: answeredRemoteOrderId,
  };
}
