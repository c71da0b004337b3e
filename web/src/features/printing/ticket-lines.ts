import { formatAmount, formatMoney, type MoneyValue } from '../../ui/money';

/**
 * The printed ticket's lines, apart from React: what each line says and
 * which amount goes in the right-hand column. Amounts keep their currency's
 * ISO 4217 exponent (KWD 1.250, SAR 12.50); the currency is named once, on
 * the total, so the narrow 80 mm column holds only digits.
 */
export type PrintableModifier = {
  name: string;
  quantity: number;
  unitPrice: MoneyValue;
  modifiers?: readonly PrintableModifier[] | null;
};

export type PrintableItem = {
  name: string;
  quantity: number;
  notes?: string | null;
  total: MoneyValue;
  modifiers: readonly PrintableModifier[];
};

export type PrintableOrder = {
  displayCode: string;
  externalId: string;
  provider: string;
  status: string;
  placedAt: string;
  acceptedAt?: string | null;
  prepMinutes?: number | null;
  notes?: string | null;
  connection: { name: string };
  customer?: { name?: string | null; phone?: string | null } | null;
  delivery?: { address?: string | null; notes?: string | null } | null;
  payment?: { method: string; paid: boolean } | null;
  items: readonly PrintableItem[];
  subtotal: MoneyValue;
  deliveryFee: MoneyValue;
  discount: MoneyValue;
  tax: MoneyValue;
  tip: MoneyValue;
  total: MoneyValue;
};

export type TicketLine =
  | { kind: 'item'; quantity: number; name: string; amount: string }
  /** An option of an item (depth 1) or of an option (depth 2); its unit price when it costs extra. */
  | { kind: 'modifier'; depth: number; quantity: number; name: string; amount: string | null }
  | { kind: 'note'; text: string };

function modifierLines(modifiers: readonly PrintableModifier[], depth: number): TicketLine[] {
  return modifiers.flatMap((modifier) => [
    {
      kind: 'modifier' as const,
      depth,
      quantity: modifier.quantity,
      name: modifier.name,
      amount:
        modifier.unitPrice.amount === 0
          ? null
          : `+${formatAmount(modifier.unitPrice.amount, modifier.unitPrice.currency)}`,
    },
    ...modifierLines(modifier.modifiers ?? [], depth + 1),
  ]);
}

export function ticketItemLines(items: readonly PrintableItem[]): TicketLine[] {
  return items.flatMap((item) => [
    {
      kind: 'item' as const,
      quantity: item.quantity,
      name: item.name,
      amount: formatAmount(item.total.amount, item.total.currency),
    },
    ...modifierLines(item.modifiers, 1),
    ...(item.notes?.trim() ? [{ kind: 'note' as const, text: item.notes.trim() }] : []),
  ]);
}

export type TotalLabel = 'subtotal' | 'deliveryFee' | 'discount' | 'tax' | 'tip' | 'total';
export type TotalLine = { label: TotalLabel; amount: string };

/** Subtotal, then each charge or discount that is not zero (a discount as a negative amount), then the total with its currency. */
export function ticketTotals(order: PrintableOrder): TotalLine[] {
  const amount = (value: MoneyValue, sign = 1) => formatAmount(sign * value.amount, value.currency);
  const lines: TotalLine[] = [{ label: 'subtotal', amount: amount(order.subtotal) }];
  if (order.deliveryFee.amount !== 0) lines.push({ label: 'deliveryFee', amount: amount(order.deliveryFee) });
  if (order.discount.amount !== 0) lines.push({ label: 'discount', amount: amount(order.discount, -1) });
  if (order.tax.amount !== 0) lines.push({ label: 'tax', amount: amount(order.tax) });
  if (order.tip.amount !== 0) lines.push({ label: 'tip', amount: amount(order.tip) });
  lines.push({ label: 'total', amount: formatMoney(order.total.amount, order.total.currency, 'en') });
  return lines;
}

/** Paper width of the thermal printers tickets are laid out for. */
export const PAPER_WIDTH_MM = 80;
/** Blank paper after the last line, so the cutter does not cut through it. */
export const FEED_MM = 8;
const MM_PER_CSS_PX = 25.4 / 96;

/**
 * The print page for one ticket: 80 mm wide and exactly as long as the
 * ticket (a roll has no page length; a fixed A4-like height would print
 * metres of blank paper or split a long order over "pages").
 */
export function ticketPageRule(ticketHeightPx: number): string {
  const height = Math.max(40, Math.ceil(ticketHeightPx * MM_PER_CSS_PX) + FEED_MM);
  return `@page { size: ${PAPER_WIDTH_MM}mm ${height}mm; margin: 0; }`;
}
