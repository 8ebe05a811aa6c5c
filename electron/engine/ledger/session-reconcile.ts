/**
 * Reconciliation of an ended session with the platform's order export (PROTOCOL D, METRICS
 * "Reconciliation"): the column-mapping preview, and the plan (pure, shared/reconcile) applied in one
 * transaction by the reconcile store. The same file with the same columns again changes nothing.
 */
import { createHash } from 'node:crypto';
import type { XlsxRowReader } from '../../../shared/catalogue/xlsx';
import { StudioError } from '../../../shared/errors';
import { computeFigures } from '../../../shared/metrics/figures';
import { type ColumnMapping, guessMapping, headerSignature } from '../../../shared/reconcile/fields';
import { parseExport } from '../../../shared/reconcile/parse';
import { applyPlan, planReconciliation } from '../../../shared/reconcile/plan';
import { readExportTable } from '../../../shared/reconcile/table';
import type { ExportPreview, ReconcileAnswer } from '../../../shared/reconcile/types';
import type { Logger } from '../log';
import type { ProductStore } from './products';
import type { ReconcileStore } from './reconcile-store';
import type { SessionReads } from './session-reads';
import type { Session } from './sessions';

export interface ReconcileOptions {
  /** how XLSX exports are read (the ledger's worker); in this thread when absent */
  readXlsx?: XlsxRowReader;
  contentType?: string;
  charset?: string;
  source?: string;
  columns?: Partial<ColumnMapping>;
}

export interface ReconcileParts {
  reads: SessionReads;
  products: ProductStore;
  reconciliations: ReconcileStore;
  logger: Logger;
  now: () => number;
}

/** Corrects the ended session `s` by the export in `bytes`; answers what changed and the figures before/after. */
export async function reconcileSession(
  p: ReconcileParts,
  s: Session,
  bytes: Uint8Array,
  options: ReconcileOptions = {},
): Promise<ReconcileAnswer> {
  if (s.endedAt === null) {
    throw new StudioError('session_running', 'Reconcile a session after it has ended', { status: 409 });
  }
  const parsed = parseExport(await readExportTable(bytes, options), s.currency, options.columns);
  const source = (options.source ?? 'export').slice(0, 200);
  const digest = createHash('sha256').update(bytes).update(JSON.stringify(parsed.mapping)).digest('hex');
  const last = p.reconciliations.last(s.id);
  if (last?.digest === digest) return { ...(last.result as ReconcileAnswer), unchanged: true };
  const record = p.reads.recordOf(s, p.now());
  const { plan, summary } = planReconciliation(record, parsed, p.products.skuMap());
  const at = p.now();
  // The answer's figures come from the pure plan over the record; the tests hold the ledger's to them.
  const answer: ReconcileAnswer = {
    ...summary,
    figures: computeFigures(applyPlan(record, plan, at)),
    before: computeFigures(record),
    reconciled: { at, source },
    unchanged: false,
  };
  p.reconciliations.apply(s.id, { room: s.room, window: record.window }, plan, { at, source, digest, result: answer });
  p.logger.info(
    { session: s.id, matched: answer.matched, added: answer.onlyInExport.length, kind: answer.kind },
    'session reconciled with the platform export',
  );
  return answer;
}

/** The column-mapping step: the header found, the guess, the first rows, the file's shape. */
export async function previewExport(
  bytes: Uint8Array,
  options: { contentType?: string; charset?: string; readXlsx?: XlsxRowReader } = {},
): Promise<ExportPreview> {
  const table = await readExportTable(bytes, options);
  return {
    header: table.header,
    headerLine: table.headerLine,
    signature: headerSignature(table.header),
    mapping: guessMapping(table.header),
    rows: table.rows.slice(0, 5).map((r) => r.cells),
    rowCount: table.rows.length,
  };
}
