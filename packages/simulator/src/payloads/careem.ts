import { minorToDecimalNumber, vatPercentOf } from '../money';
import type { Random } from '../random';
import {
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
} from './basket';
import { randomCustomer, randomOrderNote } from './people';

/**
 * Careem payloads, packages/providers/src/careem/careem.md (our contract). Money is JSON numbers
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
  const basket = randomBasket(random, input.externalStoreId, currency);
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
