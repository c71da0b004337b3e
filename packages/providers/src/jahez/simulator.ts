import { minorToDecimalNumber } from '../common/simulation/money';
import {
  orderBuildInputOf,
  basketSubtotal,
  flattenChoices,
  lineTotal,
  randomBasket,
  randomDeliveryFee,
  randomDiscount,
  randomFulfilment,
  type BasketChoice,
  type BuiltOrder,
  type OrderBuildInput,
} from '../common/simulation/basket';
import { randomOrderNote } from '../common/simulation/people';
import { assertFaultApplies, isRecord, JSON_HEADERS, receiptProblem, WRONG_SECRET } from '../common/simulation/signing';
import type { ProviderSimulator, SigningFault, SimulatedControlRoute } from '../simulator';

/**
 * Jahez payloads, jahez.md (our contract). Money is JSON numbers in
 * major units (SAR usually, from the connection); prices include VAT; no
 * customer or address is sent.
 *
 * Semantics the totals follow: product `original_price` is one unit without
 * options; an option's `final_price` is for one option unit and its `quantity`
 * per product unit (nested choices flattened into their own modifier groups,
 * quantities multiplied); product `final_price` = quantity x (original_price +
 * options), the line total; order `final_price` = sum(product final_price) +
 * delivery_fee - offer.amount.
 */
export type JahezOption = { id: string; name: string; quantity: number; final_price: number };

export type JahezModifier = { modifier_id: string; name: string; options: JahezOption[] };

export type JahezProduct = {
  product_id: string;
  name: string;
  quantity: number;
  original_price: number;
  final_price: number;
  notes: string;
  modifiers: JahezModifier[];
};

export type JahezPaymentMethod =
  'CASH' | 'CREDITCARD' | 'POS' | 'POS-MADA' | 'POS-CREDIT-CARD' | 'APPLE-PAY-MADA' | 'APPLE-PAY-CREDIT-CARD';

export type JahezOrder = {
  jahez_id: number;
  branch_id: string;
  created_at: string;
  products: JahezProduct[];
  final_price: number;
  delivery_fee: number;
  offer: { amount: number };
  payment_method: JahezPaymentMethod;
  notes: string;
};

/** N new, A accepted, R rejected, O out for delivery, D delivered, C cancelled, T timed out. */
export type JahezOrderStatus = 'N' | 'A' | 'R' | 'O' | 'D' | 'C' | 'T';

export type JahezOrderUpdate = { jahezOrderId: number; status: JahezOrderStatus; reason?: string };

function groupModifiers(choices: BasketChoice[], currency: string): JahezModifier[] {
  const groups = new Map<string, JahezModifier>();
  for (const choice of flattenChoices(choices)) {
    let group = groups.get(choice.groupId);
    if (!group) {
      group = { modifier_id: choice.groupId, name: choice.groupName, options: [] };
      groups.set(choice.groupId, group);
    }
    group.options.push({
      id: choice.remoteCode,
      name: choice.name,
      quantity: choice.quantity,
      final_price: minorToDecimalNumber(choice.unitPrice, currency),
    });
  }
  return [...groups.values()];
}

export function buildJahezOrder(input: OrderBuildInput): BuiltOrder<JahezOrder> {
  const { random, currency, now } = input;
  const fulfilment = input.fulfilment ?? randomFulfilment(random);
  const basket = randomBasket(random, input.externalStoreId, currency, input.menu);
  const subtotal = basketSubtotal(basket);
  const deliveryFee = randomDeliveryFee(random, currency, fulfilment);
  const discount = randomDiscount(random, subtotal);
  const total = subtotal + deliveryFee - discount;
  const number = (minor: number): number => minorToDecimalNumber(minor, currency);
  const jahezId = random.int(1_000_000, 99_999_999);

  const order: JahezOrder = {
    jahez_id: jahezId,
    branch_id: input.externalStoreId,
    created_at: now.toISOString(),
    products: basket.lines.map((line) => ({
      product_id: line.remoteCode,
      name: line.name,
      quantity: line.quantity,
      original_price: number(line.unitPrice),
      final_price: number(lineTotal(line)),
      notes: line.note,
      modifiers: groupModifiers(line.choices, currency),
    })),
    final_price: number(total),
    delivery_fee: number(deliveryFee),
    offer: { amount: number(discount) },
    payment_method: random.pick<JahezPaymentMethod>([
      'CASH',
      'CREDITCARD',
      'POS-MADA',
      'APPLE-PAY-MADA',
      'APPLE-PAY-CREDIT-CARD',
    ]),
    notes: randomOrderNote(random, basket.language),
  };

  return {
    order,
    externalId: String(jahezId),
    fulfilment,
    totals: { currency, subtotal, deliveryFee, tax: 0, tip: 0, discount, total },
  };
}

export function buildJahezOrderUpdate(
  jahezOrderId: number,
  status: JahezOrderStatus,
  reason?: string,
): JahezOrderUpdate {
  return reason === undefined ? { jahezOrderId, status } : { jahezOrderId, status, reason };
}

const SIGNING_FAULTS: readonly SigningFault[] = ['bad_signature', 'missing_idempotency', 'missing_auth'];

export type JahezSigningInput = { secret: string; requestId: string; fault?: SigningFault };

/** `Authorization: Bearer <connection token>` and `X-Request-Id: <uuid>` (the idempotency key). */
export function jahezHeaders(input: JahezSigningInput): Record<string, string> {
  assertFaultApplies('Jahez', SIGNING_FAULTS, input.fault);
  const headers: Record<string, string> = {};
  if (input.fault !== 'missing_auth') {
    headers['authorization'] = `Bearer ${input.fault === 'bad_signature' ? WRONG_SECRET : input.secret}`;
  }
  if (input.fault !== 'missing_idempotency') headers['x-request-id'] = input.requestId;
  return headers;
}

function withJahezId(order: JahezOrder, externalId: string | undefined): JahezOrder {
  if (externalId === undefined) return order;
  const id = Number(externalId);
  if (!Number.isSafeInteger(id)) throw new Error(`A Jahez order id is an integer, got "${externalId}".`);
  return { ...order, jahez_id: id };
}

/** Jahez in the simulator: new orders to the webhook base, updates to `order-update`, keyed by `X-Request-Id`. */
/** A Jahez upload or change: `200 {"success":true}` when `field` is a list, else `422` naming it. */
function jahezList(name: string, path: string, field: string): SimulatedControlRoute {
  return {
    name,
    method: 'POST',
    path,
    answer: (_params, body) =>
      isRecord(body) && Array.isArray(body[field])
        ? { status: 200, body: { success: true } }
        : { status: 422, body: { success: false, errors: [{ id: field, message: `${field} must be a list` }] } },
  };
}

/** Jahez's control API, our contract (jahez.md, "Control"): every answer synchronous. */
const jahezControlRoutes: readonly SimulatedControlRoute[] = [
  jahezList('categories_upload', '/categories/categories_upload', 'categories'),
  jahezList('products_upload', '/products/products_upload', 'products'),
  jahezList('products_availability', '/products/availability', 'products'),
  {
    name: 'branch_status',
    method: 'POST',
    path: '/branches/status',
    answer: () => ({ status: 200, body: { success: true } }),
  },
  {
    name: 'working_hours',
    method: 'POST',
    path: '/branches/working_hours',
    answer: () => ({ status: 200, body: { success: true } }),
  },
];

export const jahezSimulator: ProviderSimulator = {
  statuses: ['N', 'A', 'R', 'O', 'D', 'C', 'T'] satisfies JahezOrderStatus[],
  progression: ['A', 'O', 'D'],
  cancellation: 'C',
  signingFaults: SIGNING_FAULTS,
  async buildWebhook(input) {
    const { connection, kind, random } = input;
    const orderInput = orderBuildInputOf(input);
    const requestId = random.uuid();
    const headers = { ...JSON_HEADERS, ...jahezHeaders({ secret: connection.secret, requestId, fault: input.fault }) };
    const idempotencyKey = input.fault === 'missing_idempotency' ? null : requestId;
    if (kind === 'new_order') {
      const built = buildJahezOrder({ ...orderInput, fulfilment: input.fulfilment });
      return {
        method: 'POST',
        url: input.baseUrl,
        headers,
        body: JSON.stringify(built.order),
        externalId: String(built.order.jahez_id),
        idempotencyKey,
        order: built.order,
        totals: built.totals,
      };
    }
    const order =
      (input.previous as JahezOrder | undefined) ?? withJahezId(buildJahezOrder(orderInput).order, input.externalId);
    const reason = input.reason ?? (input.status === 'C' ? 'Customer cancelled the order' : undefined);
    return {
      method: 'POST',
      url: `${input.baseUrl}/order-update`,
      headers,
      body: JSON.stringify(buildJahezOrderUpdate(order.jahez_id, input.status as JahezOrderStatus, reason)),
      externalId: String(order.jahez_id),
      idempotencyKey,
      order,
      totals: null,
    };
  },
  signedHeaders: async ({ secret, idempotencyKey }) => jahezHeaders({ secret, requestId: idempotencyKey }),
  callbackRoutes: [
    { name: 'status_update', method: 'POST', path: '/webhooks/status_update', answer: () => ({ success: true }) },
  ],
  controlRoutes: jahezControlRoutes,
  checkAnswer: (_kind, answer) => receiptProblem('Jahez', answer),
};
