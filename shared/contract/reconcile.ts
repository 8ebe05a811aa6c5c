/**
 * Reconciliation routes (PROTOCOL D): a session checked against the platform's order export. The file is
 * the body (CSV in UTF-8 or GBK, or XLSX); `file` names it for the "reconciled with <file>" label;
 * `columns` is the user's corrected mapping (JSON: field -> header). Host only: it changes the figures.
 */
import { z } from 'zod';
import type { ExportPreview, ReconcileAnswer } from '../reconcile/types';
import { HOST_ONLY, route } from './define';

/** The largest order export accepted (a month of a busy shop is a few MB). */
export const EXPORT_BODY_LIMIT = 32 * 1024 * 1024;

export const reconcileRoutes = {
  'POST /sessions/:id/reconcile': route<ReconcileAnswer>()({
    roles: HOST_ONLY,
    body: 'bytes',
    bodyLimit: EXPORT_BODY_LIMIT,
    query: z.object({ file: z.string().min(1).max(200).optional(), columns: z.string().max(10_000).optional() }),
  }),
  // The column-mapping step: the header found under any title rows, the guesses, the first rows. Changes nothing.
  'POST /sessions/:id/reconcile/preview': route<ExportPreview>()({
    roles: HOST_ONLY,
    body: 'bytes',
    bodyLimit: EXPORT_BODY_LIMIT,
  }),
};
