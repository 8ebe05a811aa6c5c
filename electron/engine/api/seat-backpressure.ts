/**
 * Limits that keep one seat from growing the engine: what a socket has queued but not yet sent (a phone
 * on a weak Wi-Fi, a frozen tab, a client that stopped reading) is capped, and the socket is dropped
 * when it passes the cap. The seat's client reconnects by itself and gets a fresh snapshot, so nothing
 * is lost by dropping: patches and feed batches are only views of state the engine still has.
 *
 * engine.io keeps packets in its socket's write buffer while the transport cannot write (a websocket
 * whose last frame has not reached the kernel, or a long-polling client that has not asked again); the
 * websocket itself holds bytes not yet written (`bufferedAmount`, public in ws). Both are counted.
 */
import type { Socket } from 'socket.io';

/** Default cap on bytes queued for one seat socket: a few snapshots of a large catalogue. */
export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Default cap on live connections per token (a host with a few tabs and devices; a phone reconnecting). */
export const DEFAULT_MAX_CONNECTIONS_PER_TOKEN = 8;

interface EngineConnView {
  readyState?: string;
  writeBuffer?: { data?: unknown }[];
  transport?: { name?: string; socket?: { bufferedAmount?: number; terminate?: () => void } };
  close(discard?: boolean): void;
}

const conn = (socket: Socket): EngineConnView => socket.conn as unknown as EngineConnView;

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/** Bytes queued for this socket that the client has not taken yet. */
export function bufferedBytes(socket: Socket): number {
  const c = conn(socket);
  let bytes = c.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of c.writeBuffer ?? []) bytes += sizeOf(packet.data);
  return bytes;
}

/**
 * Closes the connection now, discarding what is queued: a websocket is terminated (its unsent bytes
 * freed), a polling transport closed without waiting for a drain that would never come.
 */
export function dropConnection(socket: Socket): void {
  const c = conn(socket);
  c.transport?.socket?.terminate?.();
  if (c.readyState === 'open' || c.readyState === 'closing') c.close(true);
  socket.disconnect(true);
}
