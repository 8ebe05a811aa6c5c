/**
 * Money in integer minor units (fen for CNY). Never a float: every operation checks that amounts stay
 * safe integers, and ratios round half-up explicitly.
 */
import type { Language } from './language';
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

export const DEFAULT_CURRENCY = 'CNY';

export class MoneyError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'MoneyError';
    this.code = code;
  }
}

function assertAmount(amount: number): void {
  if (!Number.isSafeInteger(amount)) {
    throw new MoneyError('invalid_amount', `Amount must be a safe integer of minor units, got ${amount}`);
  }
}

/** Builds a Money value; throws when `amount` is not a safe integer. */
export function money(amount: number, currency: string = DEFAULT_CURRENCY): Money {
  assertAmount(amount);
  return { amount, currency };
}

export const zero = (currency: string = DEFAULT_CURRENCY): Money => money(0, currency);

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new MoneyError('currency_mismatch', `Cannot combine ${a.currency} with ${b.currency}`);
  }
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

/** Unit price times a whole quantity. */
export function multiply(a: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) {
    throw new MoneyError('invalid_quantity', `Quantity must be a whole number, got ${quantity}`);
  }
  return money(a.amount * quantity, a.currency);
}

export function sum(values: readonly Money[], currency: string = DEFAULT_CURRENCY): Money {
  return values.reduce((acc, v) => add(acc, v), zero(values[0]?.currency ?? currency));
}

/**
 * Integer division of minor units rounded half-up (away from zero for negatives), exact for any
 * safe-integer numerator: computed with BigInt so `amount * scale` cannot lose precision.
 */
export function divideRoundHalfUp(numerator: number, denominator: number, scale = 1): number {
  if (denominator === 0) throw new MoneyError('division_by_zero', 'Cannot divide by zero');
  const n = BigInt(numerator) * BigInt(scale);
  const d = BigInt(denominator);
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (2n * an + ad) / (2n * ad);
  return Number(negative ? -q : q);
}

const YUAN_PATTERN = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * Parses a yuan string such as "299.00", "59.9" or "1,299" into fen. Rejects more than two decimals,
 * exponents, empty strings and anything else that is not a plain amount; a currency sign (¥, ￥) and
 * thousands separators are accepted because spreadsheets write them.
 */
export function parseYuan(input: string, currency: string = DEFAULT_CURRENCY): Money {
  const text = String(input)
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  const match = YUAN_PATTERN.exec(text);
  if (!match) {
    throw new MoneyError('invalid_price', `"${input}" is not a price in yuan (expected e.g. 299.00)`);
  }
  const [, sign, whole, fraction = ''] = match;
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return money(sign ? -fen : fen, currency);
}

/** Formats for people: "¥1,299.00" in zh-CN, "CN¥1,299.00" in en. */
export function formatMoney(value: Money, locale: Language = 'zh-CN'): string {
  const digits = 2;
  const formatter = new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
    style: 'currency',
    currency: value.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  const negative = value.amount < 0;
  const abs = Math.abs(value.amount);
  const whole = Math.trunc(abs / 100);
  const cents = abs % 100;
  // Format the whole part through Intl (separators, symbol), then splice in exact cents so no float
  // division ever decides a digit.
  const parts = formatter.formatToParts(whole);
  const text = parts.map((p) => (p.type === 'fraction' ? String(cents).padStart(digits, '0') : p.value)).join('');
  return negative ? `-${text}` : text;
}

/** "299.00" for inputs and CSV: plain yuan with two decimals, no symbol. */
export function toYuanString(value: Money): string {
  const abs = Math.abs(value.amount);
  const text = `${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return value.amount < 0 ? `-${text}` : text;
}
