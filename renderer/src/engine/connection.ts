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
        const snapshot = payload as Snapshot;
        useStudio.getState().applySnapshot(snapshot.state, snapshot.seat);
      } else if (event === 'patch') {
        useStudio.getState().applyPatch(payload as Partial<StudioState>);
      } else if (event === 'feed') {
        feedBuffer.push(payload as FeedBatch);
      }
    },
  });
  client.start();
  return client;
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
