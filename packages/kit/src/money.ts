import currencyCodes from 'currency-codes';

/**
 * Money is an integer count of the currency's minor units (ISO 4217 exponent)
 * plus its ISO 4217 code. Decimal input is converted by string arithmetic so a
 * binary float never rounds a price.
 */
export type Money = { amount: number; currency: string };

export class MoneyError extends Error {
  override name = 'MoneyError';
}

export function currencyExponent(currency: string): number {
  const entry = /^[A-Z]{3}$/.test(currency) ? currencyCodes.code(currency) : undefined;
  if (!entry || !Number.isInteger(entry.digits)) throw new MoneyError(`"${currency}" is not an ISO 4217 currency code`);
  return entry.digits;
}

export function isCurrencyCode(currency: string): boolean {
  try {
    currencyExponent(currency);
    return true;
  } catch {
    return false;
  }
}

/** `12.5` or `"12.50"` in SAR -> 1250; `"1.250"` in KWD -> 1250; `"100"` in JPY -> 100. */
export function toMinorUnits(value: string | number, currency: string): number {
  const exponent = currencyExponent(currency);
  const text = typeof value === 'number' ? numberToDecimalString(value) : value.trim();
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new MoneyError(`"${String(value)}" is not a decimal amount`);
  const [, sign, whole, fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > exponent) {
    throw new MoneyError(`${String(value)} has more decimals than ${currency} allows (${exponent})`);
  }
  const minor = BigInt(whole + fraction.padEnd(exponent, '0').slice(0, exponent));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new MoneyError(`${String(value)} ${currency} is too large`);
  const amount = Number(minor);
  return sign && amount !== 0 ? -amount : amount;
}

/** 1250 SAR -> "12.50"; 1250 KWD -> "1.250". */
export function toDecimalString(amount: number, currency: string): string {
  if (!Number.isSafeInteger(amount)) throw new MoneyError(`${amount} is not an integer amount of minor units`);
  const exponent = currencyExponent(currency);
  const digits = Math.abs(amount)
    .toString()
    .padStart(exponent + 1, '0');
  const whole = exponent ? digits.slice(0, -exponent) : digits;
  const fraction = exponent ? `.${digits.slice(-exponent)}` : '';
  return `${amount < 0 ? '-' : ''}${whole}${fraction}`;
}

export function money(amount: number, currency: string): Money {
  currencyExponent(currency);
  if (!Number.isSafeInteger(amount)) throw new MoneyError(`${amount} is not an integer amount of minor units`);
  return { amount, currency };
}

export function sumMoney(values: readonly Money[], currency: string): Money {
  let total = 0;
  for (const value of values) {
    if (value.currency !== currency) throw new MoneyError(`cannot add ${value.currency} to ${currency}`);
    total += value.amount;
  }
  return money(total, currency);
}

/**
 * JSON numbers arrive as doubles; their shortest round-trip form is the
 * decimal the sender wrote (for up to 15 significant digits), so we read that
 * text rather than doing arithmetic on the double.
 */
function numberToDecimalString(value: number): string {
  if (!Number.isFinite(value)) throw new MoneyError(`${value} is not a finite amount`);
  const text = String(value);
  const exp = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exp) return text;
  const [, sign, whole, fraction = '', power] = exp;
  const digits = whole + fraction;
  const point = whole.length + Number(power);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
