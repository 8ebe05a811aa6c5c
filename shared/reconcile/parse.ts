/**
 * Rows of an order export -> orders as the platform's books have them. Rows of the same order number are
 * the lines of one order (抖店 writes one row per sub-order): amounts, refunds and commissions add up, the
 * earliest payment time is the order's. A row with a value that cannot be read is a 400 naming its line,
 * and nothing is applied. A file with a refund column but no payment columns is a refunds-only export.
 */
import { StudioError } from '../errors';
import type { Channel } from '../metrics/types';
import type { Money } from '../money';
import { type ColumnMapping, EXPORT_FIELDS, type ExportField, guessMapping, headerSignature } from './fields';
import type { ExportTable } from './table';
import { parseExportChannel, parseExportMoney, parseExportQty, parseExportStatus, parseExportTime } from './values';

export interface ExportLine {
  sku: string;
  qty: number;
  /** what this row says was paid, minor units (0 when the row names none) */
  paid: number;
}

/** One order of the export (its rows merged). Money in minor units. */
export interface ExportOrder {
  orderId: string;
  paidAt: number | null;
  paid: number | null;
  refunded: number;
  channel: Channel | null;
  sharer: string | null;
  commission: number | null;
  lines: ExportLine[];
  /** rows of the file this order came from */
  rows: number;
}

export interface ParsedExport {
  header: string[];
  headerLine: number;
  signature: string;
  mapping: ColumnMapping;
  /** `refunds`: the file has refunds but no payment columns (a refunds-only export) */
  kind: 'orders' | 'refunds';
  orders: ExportOrder[];
  /** rows of orders never paid (closed, cancelled, no payment time) */
  unpaidRows: number;
}

/** Validates a user's mapping against the header: each named column must exist. */
export function resolveMapping(header: readonly string[], override?: Partial<ColumnMapping>): ColumnMapping {
  const mapping = guessMapping(header);
  if (!override) return mapping;
  for (const [field, column] of Object.entries(override) as [ExportField, string | null][]) {
    if (!EXPORT_FIELDS.includes(field)) {
      throw new StudioError('invalid_mapping', `"${field}" is not a column of an order export`, {
        path: `columns.${field}`,
      });
    }
    if (column !== null && !header.includes(column)) {
      throw new StudioError('invalid_mapping', `The file has no column "${column}"`, { path: `columns.${field}` });
    }
    mapping[field] = column;
  }
  return mapping;
}

export function parseExport(table: ExportTable, currency: string, override?: Partial<ColumnMapping>): ParsedExport {
  const mapping = resolveMapping(table.header, override);
  if (mapping.orderId === null) {
    throw new StudioError('missing_column', 'Choose the column with the order number (订单号)', {
      path: 'columns.orderId',
    });
  }
  const kind = mapping.paidAt === null && mapping.paidAmount === null ? 'refunds' : 'orders';
  if (kind === 'orders' && mapping.paidAt === null) {
    throw new StudioError('missing_column', 'Choose the column with the payment time (支付时间)', {
      path: 'columns.paidAt',
    });
  }
  if (kind === 'refunds' && mapping.refundAmount === null && mapping.status === null) {
    throw new StudioError('missing_column', 'Choose the payment time, paid amount or refund amount columns', {
      path: 'columns.paidAt',
    });
  }
  const index = Object.fromEntries(
    EXPORT_FIELDS.map((f) => [f, mapping[f] === null ? -1 : table.header.indexOf(mapping[f] as string)]),
  ) as Record<ExportField, number>;
  const orders = new Map<string, ExportOrder>();
  let unpaidRows = 0;
  for (const row of table.rows) {
    const cell = (f: ExportField) => (index[f] < 0 ? '' : (row.cells[index[f]] ?? '').trim());
    const fail = (f: ExportField, what: string): never => {
      throw new StudioError('invalid_row', `Line ${row.line}: "${cell(f)}" in column "${mapping[f]}" is not ${what}`, {
        path: `line ${row.line}`,
      });
    };
    const orderId = cell('orderId').replace(/^'/, ''); // Excel's text marker before long numbers
    if (orderId === '') continue; // footers ("合计"), blank separators
    const moneyOf = (f: ExportField): Money | null => {
      try {
        return parseExportMoney(cell(f), currency);
      } catch {
        return fail(f, 'an amount in yuan');
      }
    };
    const paidAt = cell('paidAt') === '' ? null : (parseExportTime(cell('paidAt')) ?? fail('paidAt', 'a time'));
    const paid = moneyOf('paidAmount');
    const refund = moneyOf('refundAmount');
    const commission = moneyOf('commission');
    const qty = parseExportQty(cell('qty'));
    if (Number.isNaN(qty)) fail('qty', 'a quantity');
    const status = parseExportStatus(cell('status'));
    if (kind === 'orders' && (paidAt === null || (status === 'unpaid' && !refund))) {
      unpaidRows++;
      continue;
    }
    const o = orders.get(orderId) ?? {
      orderId,
      paidAt: null,
      paid: null,
      refunded: 0,
      channel: null,
      sharer: null,
      commission: null,
      lines: [],
      rows: 0,
    };
    o.rows++;
    if (paidAt !== null && (o.paidAt === null || paidAt < o.paidAt)) o.paidAt = paidAt;
    if (paid) o.paid = (o.paid ?? 0) + paid.amount;
    const rowRefund = refund ? refund.amount : status === 'refunded' ? (paid?.amount ?? 0) : 0;
    o.refunded += rowRefund;
    o.channel ??= parseExportChannel(cell('channel'));
    o.sharer ??= cell('sharer') === '' ? null : cell('sharer');
    if (commission) o.commission = (o.commission ?? 0) + commission.amount;
    if (cell('sku') !== '') o.lines.push({ sku: cell('sku'), qty: qty ?? 1, paid: paid?.amount ?? 0 });
    orders.set(orderId, o);
  }
  return {
    header: table.header,
    headerLine: table.headerLine,
    signature: headerSignature(table.header),
    mapping,
    kind,
    orders: [...orders.values()],
    unpaidRows,
  };
}
