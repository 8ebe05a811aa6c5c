/** Low-level helpers around obs-websocket-js's socket, which has no timeouts and no forced close. */
import type OBSWebSocket from 'obs-websocket-js';

/** Reaches the ws socket inside obs-websocket-js to terminate it without a close handshake. */
export function terminate(client: OBSWebSocket): void {
  const socket = (client as unknown as { socket?: { terminate?: () => void; close: () => void } }).socket;
  try {
    if (socket?.terminate) socket.terminate();
    else socket?.close();
  } catch {
    // already closed
  }
}

/** `promise`, or the error `onTimeout` makes after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref?.();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
