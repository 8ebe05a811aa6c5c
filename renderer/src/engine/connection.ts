/** Starts the one EngineClient of this page and feeds the stores (state into studio, chat into the feed buffer). */
import type { Snapshot, StudioState } from '../../../shared/contract';
import { feedBuffer } from '../store/feed';
import { useStudio } from '../store/studio';
import { EngineClient } from './client';
import type { FeedBatch } from './contract';
import { readSeatLink, type SeatLink } from './seat-link';

let client: EngineClient | null = null;
let link: SeatLink | null = null;

export function connectEngine(): EngineClient {
  if (client) return client;
  link = readSeatLink();
  const store = useStudio.getState();
  client = new EngineClient(link.engineUrl, link.token, {
    onState: (connection) => store.setConnection(connection),
    onEvent: (event, payload) => {
      if (event === 'snapshot') {
        pendingPatch = null; // the snapshot supersedes anything queued
        const snapshot = payload as Snapshot;
        useStudio.getState().applySnapshot(snapshot.state, snapshot.seat);
      } else if (event === 'patch') {
        queuePatch(payload as Partial<StudioState>);
      } else if (event === 'feed') {
        feedBuffer.push(payload as FeedBatch);
      }
    },
  });
  client.start();
  return client;
}

/**
 * Patches are merged and applied once per animation frame: a busy live room sends dozens a second
 * (figures, sold counts, radar), and one store update per frame renders the same final state. A pin
 * still shows within a frame. In a hidden tab (no frames) a timer flushes instead.
 */
let pendingPatch: Partial<StudioState> | null = null;
function queuePatch(patch: Partial<StudioState>): void {
  if (pendingPatch) {
    Object.assign(pendingPatch, patch);
    return;
  }
  pendingPatch = { ...patch };
  const flush = () => {
    if (!pendingPatch) return;
    const merged = pendingPatch;
    pendingPatch = null;
    useStudio.getState().applyPatch(merged);
  };
  requestAnimationFrame(flush);
  setTimeout(flush, 250);
}

/** The connected client, for views that send commands. */
export function engine(): EngineClient {
  return connectEngine();
}

/** The control API (PROTOCOL.md D) with this seat's token: imports and product lists go over HTTP. */
export function api(path: string, init: RequestInit = {}): Promise<Response> {
  connectEngine();
  const headers = new Headers(init.headers);
  if (link?.token) headers.set('authorization', `Bearer ${link.token}`);
  return fetch(`${link?.engineUrl ?? ''}/api/v1${path}`, { ...init, headers });
}

/** The token for uploads with progress (XMLHttpRequest), never shown or logged. */
export function seatAuthorization(): string | null {
  connectEngine();
  return link?.token ? `Bearer ${link.token}` : null;
}
