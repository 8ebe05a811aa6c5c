/** Control API routes and seat commands about the engine itself (shared/contract/system.ts). */
import {
  type CommandHandlers,
  fileReply,
  obsStatusOf,
  type RouteHandlers,
  type StatusResponse,
  type StudioState,
} from '../../shared/contract';
import type { StateStore } from './state';
import { type StorageMonitor, statusStorage } from './storage-monitor';
import { buildLogBundle } from './support/log-bundle';

export interface SystemRouteOptions {
  logDir: string;
  version: string;
  /** Token values scrubbed from the support bundle. */
  secrets: () => string[];
}

/** `GET /support/logs`: the support bundle (`GET /status` runs the `status.get` command). */
export function systemRouteHandlers(options: SystemRouteOptions): Pick<RouteHandlers, 'GET /support/logs'> {
  return {
    'GET /support/logs': () => {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const bundle = buildLogBundle(
        options.logDir,
        {
          version: options.version,
          platform: `${process.platform} ${process.arch}`,
          node: process.version,
          exported: new Date().toISOString(),
        },
        options.secrets(),
      );
      return fileReply('application/gzip', bundle, `maishou-logs-${stamp}.log.gz`);
    },
  };
}

export function systemHandlers(status: () => StatusResponse): Pick<CommandHandlers, 'status.get'> {
  return { 'status.get': () => status() };
}

/** `GET /status` (PROTOCOL.md D) from the state seats see and the storage monitor. */
export function engineStatus(state: StateStore<StudioState>, storage: StorageMonitor): StatusResponse {
  const s = state.get();
  return {
    obs: obsStatusOf(s.obs),
    gateway: {
      connected: s.gateway.status === 'live' || s.gateway.status === 'catching_up',
      lastSeq: s.gateway.lastSeq,
    },
    session: s.session ? { id: s.session.id, startedAt: s.session.startedAt } : null,
    interrupted: s.interrupted
      ? { id: s.interrupted.id, title: s.interrupted.title, startedAt: s.interrupted.startedAt }
      : null,
    pinned: s.pin.pinned ? { productId: s.pin.pinned.productId, since: s.pin.pinned.since } : null,
    storage: statusStorage(storage.current, s.ledgerProblem),
  };
}
