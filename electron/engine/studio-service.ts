/**
 * Sessions, products, studio settings and the gateway choice: the seat commands and the control API
 * routes over the ledger (shared/contract/studio.ts declares both), plus what must follow every change
 * (state for seats, pins' run-of-show, the chat resolver and simulator, the auto session that follows
 * OBS streaming).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { charsetOf } from '../../shared/catalogue/import';
import {
  type CommandHandlers,
  DEFAULT_STUDIO_SETTINGS,
  fileReply,
  type ImportResult,
  type Product,
  type RouteHandlers,
  type SessionInfo,
  type StudioSettings,
  type StudioState,
  studioSettingsSchema,
} from '../../shared/contract';
import { fromZodError, StudioError } from '../../shared/errors';
import { type ColumnMapping, EXPORT_FIELDS, type ExportField } from '../../shared/reconcile/fields';
import { JsonFileWriter, readJsonFile } from './json-file';
import { AutoSession } from './ledger/auto-session';
import type { Ledger } from './ledger/ledger';
import type { SessionReason } from './ledger/sessions';
import type { LiveService } from './live/live-service';
import type { Logger } from './log';
import type { PinBoard } from './pins/pin-board';
import type { StateStore } from './state';

type StudioHandlers = Pick<
  CommandHandlers,
  | 'session.start'
  | 'session.stop'
  | 'session.resume'
  | 'session.closeInterrupted'
  | 'products.import'
  | 'products.update'
  | 'products.reorder'
  | 'products.delete'
  | 'settings.set'
  | 'gateway.configure'
>;

type StudioRouteHandlers = Pick<
  RouteHandlers,
  | 'GET /sessions'
  | 'GET /sessions/:id/stats'
  | 'GET /sessions/:id/export'
  | 'GET /products'
  | 'POST /products'
  | 'POST /products/import'
  | 'POST /sessions/:id/reconcile'
  | 'POST /sessions/:id/reconcile/preview'
>;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const columnsSchema = z.partialRecord(
  z.enum(EXPORT_FIELDS as [ExportField, ...ExportField[]]),
  z.string().max(200).nullable(),
);

/** `?columns=` of a reconcile request: the user's corrected mapping, JSON of field -> header (null: none). */
function parseColumns(raw: string | undefined): Partial<ColumnMapping> | undefined {
  if (raw === undefined || raw === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new StudioError('invalid_columns', 'columns must be a JSON object of field -> header', { path: 'columns' });
  }
  const parsed = columnsSchema.safeParse(value);
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data as Partial<ColumnMapping>;
}

export interface StudioService {
  handlers: StudioHandlers;
  /** Control API routes of their own (the others run the seat commands above). */
  routeHandlers: StudioRouteHandlers;
  refreshProducts(): void;
  /** OBS started or stopped streaming (drives the auto session). */
  streamingChanged(active: boolean, at: number): void;
  /** Engine shutdown: stops the auto session's timer and ends the open session (reason `shutdown`). */
  close(): void;
}

export function createStudioService(options: {
  dataDir: string;
  ledger: Ledger;
  state: StateStore<StudioState>;
  pins: PinBoard;
  live: LiveService;
  logger: Logger;
}): StudioService {
  const { ledger, state, pins, live, logger } = options;
  const settingsFile = join(options.dataDir, 'settings.json');
  const settingsWriter = new JsonFileWriter(settingsFile);
  let settings = readJsonFile(settingsFile, studioSettingsSchema, DEFAULT_STUDIO_SETTINGS, logger) as StudioSettings;
  state.set('settings', settings);
  let auto = new AutoSession({
    enabled: settings.autoSession.enabled,
    graceMs: settings.autoSession.graceSeconds * 1000,
  });
  let autoTimer: NodeJS.Timeout | null = null;

  const refreshProducts = () => {
    const products = ledger.listProducts() as Product[];
    state.set('products', products);
    live.productsChanged(products);
    const ids = new Set(products.map((p) => p.productId));
    const pinned = pins.state.pinned?.productId;
    if (pinned && !ids.has(pinned)) pins.productRemoved(pinned);
  };

  const refreshSession = () => {
    const current = ledger.currentSession();
    state.set('session', current);
    state.set('interrupted', ledger.interruptedSession());
    live.sessionChanged();
  };

  const startSession = (input: {
    title?: string;
    room?: string;
    at?: number;
    reason?: SessionReason;
    rehearsal?: boolean;
  }): SessionInfo => {
    // The demo room's sessions are rehearsals too: the ledger marks them by their room.
    const session = ledger.startSession(input) as SessionInfo;
    logger.info({ session: session.id, reason: input.reason }, 'session started');
    refreshSession();
    return session;
  };

  const stopSession = (input: { at?: number; reason?: SessionReason }): SessionInfo => {
    const session = ledger.stopSession(input) as SessionInfo;
    logger.info({ session: session.id, reason: input.reason }, 'session stopped');
    if (input.reason !== 'obs') auto.sessionStoppedManually();
    refreshSession();
    return session;
  };

  const armAutoTimer = () => {
    if (autoTimer) clearTimeout(autoTimer);
    autoTimer = null;
    const deadline = auto.nextDeadline();
    if (deadline === null) return;
    autoTimer = setTimeout(() => applyDecision(auto.tick(Date.now())), Math.max(0, deadline - Date.now()));
  };

  const applyDecision = (decision: ReturnType<AutoSession['tick']>) => {
    try {
      if (decision.type === 'start' && !ledger.currentSession()) startSession({ at: decision.at, reason: 'obs' });
      if (decision.type === 'stop' && ledger.currentSession()) stopSession({ at: decision.at, reason: 'obs' });
    } catch (error) {
      logger.warn({ err: error }, 'automatic session change refused');
    }
    armAutoTimer();
  };

  /** One import for the seat command (base64) and the control API (the raw body). */
  const importProducts = async (bytes: Uint8Array, contentType: string | undefined, charset?: string) => {
    if (bytes.length === 0) throw new StudioError('empty_body', 'Send the CSV or XLSX file as the request body');
    const result: ImportResult = await ledger.importProducts(bytes, { contentType, charset });
    refreshProducts();
    return result;
  };

  const handlers: StudioHandlers = {
    'session.start': (a, ctx) =>
      startSession({
        title: a.title,
        room: a.room,
        rehearsal: a.rehearsal,
        reason: ctx.via === 'http' ? 'control_api' : 'manual',
      }),
    'session.stop': (_, ctx) => stopSession({ reason: ctx.via === 'http' ? 'control_api' : 'manual' }),
    'session.resume': (a) => {
      const s = ledger.resumeSession(a.id) as SessionInfo;
      refreshSession();
      return s;
    },
    'session.closeInterrupted': (a) => {
      const s = ledger.closeInterrupted(a.id) as SessionInfo;
      refreshSession();
      return s;
    },
    'products.import': (a) => {
      const bytes = new Uint8Array(Buffer.from(a.contentBase64, 'base64'));
      if (bytes.length === 0) throw new StudioError('empty_file', 'The file is empty', { path: 'contentBase64' });
      return importProducts(bytes, /\.xlsx$/i.test(a.fileName) ? XLSX_TYPE : 'text/csv', a.charset);
    },
    'products.update': (a) => {
      const product = ledger.updateProduct(a.productId, a.patch) as Product;
      refreshProducts();
      return product;
    },
    'products.reorder': (a) => {
      const products = ledger.reorderProducts(a.productIds) as Product[];
      refreshProducts();
      return { products };
    },
    'products.delete': (a) => {
      ledger.deleteProduct(a.productId);
      refreshProducts();
      return { deleted: a.productId };
    },
    'settings.set': async (next) => {
      settings = next;
      await settingsWriter.write(next);
      auto = new AutoSession({ enabled: next.autoSession.enabled, graceMs: next.autoSession.graceSeconds * 1000 });
      state.set('settings', next);
      return next;
    },
    'gateway.configure': (config) => live.connect(config, true),
  };

  // A ledger that refuses writes is an empty stand-in: it must not answer as if the sessions were gone.
  const readable = () => {
    if (ledger.refusal) throw new StudioError(ledger.refusal.code, ledger.refusal.message, { status: 503 });
  };
  const routeHandlers: StudioRouteHandlers = {
    'GET /sessions': () => {
      readable();
      return { sessions: ledger.listSessions() };
    },
    'GET /sessions/:id/stats': ({ params }) => {
      readable();
      return ledger.stats(params.id);
    },
    'GET /sessions/:id/export': ({ params, query }) => {
      readable();
      return query.format === 'csv'
        ? fileReply('text/csv; charset=utf-8', ledger.exportCsv(params.id), `session-${params.id}.csv`)
        : fileReply(
            'application/json; charset=utf-8',
            JSON.stringify(ledger.exportJson(params.id)),
            `session-${params.id}.json`,
          );
    },
    'GET /products': () => {
      readable();
      return { products: ledger.listProducts() };
    },
    'POST /products': ({ body }) => {
      const product = ledger.addProduct(body);
      refreshProducts();
      return { product };
    },
    'POST /products/import': ({ body }) => importProducts(body.bytes, body.contentType, charsetOf(body.contentType)),
    'POST /sessions/:id/reconcile': ({ params, body, query }) =>
      ledger.reconcile(params.id, body.bytes, {
        contentType: body.contentType,
        charset: charsetOf(body.contentType),
        source: query.file ?? 'export',
        columns: parseColumns(query.columns),
      }),
    'POST /sessions/:id/reconcile/preview': ({ params, body }) => {
      ledger.getSession(params.id);
      return ledger.previewExport(body.bytes, { contentType: body.contentType, charset: charsetOf(body.contentType) });
    },
  };

  refreshProducts();
  refreshSession();
  return {
    handlers,
    routeHandlers,
    refreshProducts,
    streamingChanged(active, at) {
      const decision = active ? auto.streamStarted(at, ledger.currentSession() !== null) : auto.streamStopped(at);
      applyDecision(decision);
    },
    close() {
      if (autoTimer) clearTimeout(autoTimer);
      // SIGTERM closes the session cleanly; SIGKILL leaves it open, to be resumed at the next start.
      if (ledger.currentSession()) stopSession({ reason: 'shutdown' });
    },
  };
}
