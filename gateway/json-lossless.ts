/**
 * JSON parsing that never routes a platform id through a float: 抖店 and 微信小店 write order numbers as
 * bare integer literals above 2^53. Every number is handed back as its source text (`JsonNumber`), and the
 * adapters decide per field whether it is an id (kept as written) or a quantity (checked safe integer).
 * Relies on JSON.parse's reviver `context.source` (V8 11.4+, Node >= 21), so parsing stays native-speed.
 */
export class JsonNumber {
  constructor(readonly raw: string) {}
}

type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

const keepSource: Reviver = (_key, value, context) => {
  if (typeof value !== 'number') return value;
  if (context?.source === undefined) throw new Error('JSON.parse without source access: Node >= 21 required');
  return new JsonNumber(context.source);
};

/** Parses JSON text; numbers become `JsonNumber` holding their literal text. Throws SyntaxError. */
export function parseJsonLossless(text: string): unknown {
  return JSON.parse(text, keepSource as (key: string, value: unknown) => unknown);
}

/** An id field: a string as is, or an integer literal exactly as the body wrote it. */
export function asId(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof JsonNumber && /^-?\d+$/.test(value.raw)) return value.raw;
  return undefined;
}

/** A count or amount field: an integer literal that is a safe integer (strings of digits accepted too). */
export function asSafeInt(value: unknown): number | undefined {
  const raw = value instanceof JsonNumber ? value.raw : typeof value === 'string' ? value : undefined;
  if (raw === undefined || !/^-?\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JsonNumber);
}
