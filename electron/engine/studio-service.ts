/**
 * Sessions, products, studio settings and the gateway choice: the seat commands and the control API
 * routes over the ledger, plus what must follow every change (state for seats, pins' run-of-show,
 * the chat resolver and simulator, the auto session that follows OBS streaming).
 */
import { join } from 'node:path';
import {
  type CommandHandlers,
  DEFAULT_STUDIO_SETTINGS,
  HOST_ONLY,
  OPERATORS,
  type Product,
  type Role,
  type SessionInfo,
  type StudioSettings,
  type StudioState,
  studioSettingsSchema,
} from '../../shared/contract';
import { StudioError } from '../../shared/errors';
import { idSchema } from '../../shared/events';
import type { Route } from './api/router';
import { JsonFileWriter, readJsonFile } from './json-file';
import { AutoSession } from './ledger/auto-session';
import type { Ledger } from './ledger/ledger';
import { ledgerRoutes } from './ledger/routes';
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

export interface StudioService {
  handlers: StudioHandlers;
  routes: Route[];
  refreshProducts(): void;
  /** OBS started or stopped streaming (drives the auto session). */
  streamingChanged(active: boolean, at: number): void;
  close(): void;
}

/** Who may call each ledger route: reading for everyone, products for operators, sessions for the host. */
function rolesFor(method: string, path: string): readonly Role[] {
  if (method === 'GET') return ['host', 'assistant', 'viewer'];
  if (path.startsWith('/products')) return OPERATORS;
  return HOST_ONLY;
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

  const refreshSession = (resumed = false) => {
    const current = ledger.currentSession();
    state.set('session', current);
    state.set('interrupted', ledger.interruptedSession());
    const seed =
      resumed && current
        ? ledger.stats(current.id).minutes.map((m) => ({ minute: m.start, paidGmv: m.paidGmv.amount }))
        : [];
    live.sessionChanged(current, seed);
  };

  const startSession = (input: { title?: string; at?: number; reason?: SessionReason }): SessionInfo => {
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

  const handlers: StudioHandlers = {
    'session.start': (a) => startSession({ title: a.title, reason: 'manual' }),
    'session.stop': () => stopSession({ reason: 'manual' }),
    'session.resume': (a) => {
      const s = ledger.resumeSession(a.id) as SessionInfo;
      refreshSession(true);
      return s;
    },
    'session.closeInterrupted': (a) => {
      const s = ledger.closeInterrupted(a.id) as SessionInfo;
      refreshSession();
      return s;
    },
    'products.import': async (a) => {
      const bytes = Buffer.from(a.contentBase64, 'base64');
      if (bytes.length === 0) throw new StudioError('empty_file', 'The file is empty', { path: 'contentBase64' });
      const isXlsx = /\.xlsx$/i.test(a.fileName);
      const result = await ledger.importProducts(new Uint8Array(bytes), {
        contentType: isXlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
        charset: a.charset,
      });
      refreshProducts();
      return result;
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

  // Ledger routes, with roles, and the same follow-ups as the seat commands after a write.
  const routes: Route[] = ledgerRoutes.map((r) => ({
    method: r.method,
    path: r.path,
    roles: rolesFor(r.method, r.path),
    bodyLimit: r.path === '/products/import' ? 20 * 1024 * 1024 : undefined,
    handle: async ({ params, query, body, headers }) => {
      // An empty stand-in must not answer as if the sessions were gone.
      if (ledger.refusal) throw new StudioError(ledger.refusal.code, ledger.refusal.message, { status: 503 });
      const reply = await r.handler(ledger, {
        params,
        query: Object.fromEntries(query.entries()),
        body,
        headers,
      });
      if (r.method !== 'GET' && reply.status < 300) {
        if (r.path.startsWith('/products')) refreshProducts();
        else refreshSession();
      }
      return { status: reply.status, body: reply.body, headers: reply.headers };
    },
  }));

  // PROTOCOL D: an interrupted session is settled over HTTP by the very handlers the console's buttons use.
  const host = { seat: { id: 'control-api', role: 'host' as const, label: 'control API' } };
  const settle =
    (name: 'session.resume' | 'session.closeInterrupted'): Route['handle'] =>
    ({ params }) => {
      const id = idSchema.safeParse(params.id);
      if (!id.success) throw new StudioError('invalid_id', 'The session id is not valid', { path: 'id' });
      return { body: { session: handlers[name]({ id: id.data }, host) } };
    };
  routes.push(
    { method: 'POST', path: '/sessions/:id/resume', roles: HOST_ONLY, handle: settle('session.resume') },
    { method: 'POST', path: '/sessions/:id/close', roles: HOST_ONLY, handle: settle('session.closeInterrupted') },
  );

  refreshProducts();
  refreshSession(ledger.autoResumed !== null);
  return {
    handlers,
    routes,
    refreshProducts,
    streamingChanged(active, at) {
      const decision = active ? auto.streamStarted(at, ledger.currentSession() !== null) : auto.streamStopped(at);
      applyDecision(decision);
    },
    close() {
      if (autoTimer) clearTimeout(autoTimer);
    },
  };
}
