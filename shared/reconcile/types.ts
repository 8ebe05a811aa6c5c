/** What the reconcile routes answer (PROTOCOL D), shared by the engine and the recap view. */
import type { Reconciled } from '../metrics/export';
import type { Figures } from '../metrics/types';
import type { ColumnMapping } from './fields';
import type { ReconcileSummary } from './plan';

/** `POST /sessions/{id}/reconcile/preview`: the column-mapping step. */
export interface ExportPreview {
  header: string[];
  /** the header's row number in the file (title rows above it are skipped) */
  headerLine: number;
  /** the file's shape, to remember a corrected mapping */
  signature: string;
  mapping: ColumnMapping;
  /** the first rows under the header, as text */
  rows: string[][];
  rowCount: number;
}

/** `POST /sessions/{id}/reconcile`, with the figures before beside those after. */
export interface ReconcileAnswer extends ReconcileSummary {
  figures: Figures;
  before: Figures;
  reconciled: Reconciled;
  /** the same file (and mapping) as the last reconciliation: nothing was changed */
  unchanged: boolean;
}
