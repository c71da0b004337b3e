import { minorToDecimalString, percentOfMinor, vatPercentOf, localPriceMinor } from '../money';
import type { Random } from '../random';
import {
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
} from './basket';
import { countryProfileFor, randomAddress, randomCustomer, randomOrderNote } from './people';

/**
 * Talabat (Delivery Hero POS plugin API) payloads, packages/providers/src/talabat/talabat.md.
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
export type TalabatTopping = {
  id: string;
  remoteCode: string;
  name: string;
  price: string;
  quantity: number;
  children: TalabatTopping[];
};

export type TalabatProduct = {
  id: string;
  remoteCode: string;
  name: string;
  quantity: number;
  unitPrice: string;
  paidPrice: string;
  comment: string;
  selectedToppings: TalabatTopping[];
};

export type TalabatAddress = {
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

export type TalabatOrder = {
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
  delivery: { address: TalabatAddress; expectedDeliveryTime: string; riderPickupTime: string } | null;
  price: {
    grandTotal: string;
    totalNet: string;
    vatTotal: string;
    deliveryFees: { name: string; value: string }[];
    riderTip: string;
    discountAmountTotal: string;
  };
  localInfo: { countryCode: string; currencySymbol: string };
  products: TalabatProduct[];
  payment: { type: string; status: string };
  comments: { customerComment: string };
  platformRestaurant: { id: string };
};

export type TalabatPosOrderStatus = 'ORDER_CANCELLED' | 'ORDER_PICKED_UP';

export type TalabatStatusUpdate = { status: TalabatPosOrderStatus; message: string };

/** Talabat gives the restaurant until `expiryDate` to answer. */
const ACCEPT_WINDOW_MS = 10 * 60 * 1000;

function toTopping(choice: BasketChoice, currency: string): TalabatTopping {
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

export function buildTalabatOrder(input: OrderBuildInput): BuiltOrder<TalabatOrder> {
  const { random, currency, now } = input;
  const fulfilment = input.fulfilment ?? randomFulfilment(random);
  const basket = randomBasket(random, input.externalStoreId, currency);
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

  const order: TalabatOrder = {
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

export function buildTalabatStatusUpdate(status: TalabatPosOrderStatus, message?: string): TalabatStatusUpdate {
  const fallback = status === 'ORDER_CANCELLED' ? 'Customer cancelled the order' : 'Rider picked up the order';
  return { status, message: message ?? fallback };
}
