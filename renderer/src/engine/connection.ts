/** Starts the one EngineClient of this page and feeds the store. */
import { useStudio } from '../store/studio';
import { EngineClient } from './client';
import { readSeatLink } from './seat-link';

let client: EngineClient | null = null;

export function connectEngine(): EngineClient {
  if (client) return client;
  const link = readSeatLink();
  const store = useStudio.getState();
  client = new EngineClient(link.engineUrl, link.token, {
    onState: (connection) => store.setConnection(connection),
    onEvent: (event, payload) => {
      if (event === 'snapshot') {
        const snapshot = payload as import('../../../shared/contract').Snapshot;
        useStudio.getState().applySnapshot(snapshot.state, snapshot.seat);
      } else if (event === 'patch') {
        useStudio.getState().applyPatch(payload as Partial<import('../../../shared/contract').StudioState>);
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
