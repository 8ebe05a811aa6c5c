/**
 * Requests whose answer comes before the change: OBS answers scene and record requests before its UI
 * thread has applied them, so a command that resolved on the answer alone would report a state OBS is
 * not in yet. These wait (briefly) for the event that confirms the change.
 */
import type { OBSEventTypes, OBSRequestTypes } from 'obs-websocket-js';
import type { ObsConnection } from './connection';

export type ConfirmEvent =
  | 'CurrentProgramSceneChanged'
  | 'CurrentPreviewSceneChanged'
  | 'StudioModeStateChanged'
  | 'RecordStateChanged';

export interface ConfirmOptions {
  /** How long to wait for the event; it may have been missed, so the wait then ends anyway... */
  timeoutMs?: number;
  /** ...unless this makes the error to reject with. */
  onTimeout?: () => Error;
}

/**
 * Starts listening for `event` (matching `predicate`) before anything is sent. `done` resolves on the
 * event, at once when `already` holds, or after `timeoutMs`; `cancel(error)` rejects it and rethrows.
 */
export function nextObsEvent<E extends ConfirmEvent>(
  connection: ObsConnection,
  event: E,
  predicate: (data: OBSEventTypes[E]) => boolean,
  already: boolean,
  { timeoutMs = 2_000, onTimeout }: ConfirmOptions = {},
): { done: Promise<void>; cancel: (error: unknown) => never } {
  let off: () => void = () => undefined;
  let timer: NodeJS.Timeout | undefined;
  let fail: (error: unknown) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    fail = reject;
    timer = setTimeout(() => (onTimeout && !already ? reject(onTimeout()) : resolve()), already ? 0 : timeoutMs);
    timer.unref?.();
    off = connection.onObsEvent(event, (data) => {
      if (predicate(data)) resolve();
    });
  }).finally(() => {
    clearTimeout(timer);
    off();
  });
  return {
    done,
    cancel: (error) => {
      done.catch(() => undefined);
      fail(error);
      throw error;
    },
  };
}

/** Sends `request` and resolves once OBS confirms it with `event` (see nextObsEvent). */
export async function callAndConfirm<K extends keyof OBSRequestTypes, E extends ConfirmEvent>(
  connection: ObsConnection,
  request: K,
  data: OBSRequestTypes[K] | undefined,
  confirm: { event: E; when: (data: OBSEventTypes[E]) => boolean; already: boolean } & ConfirmOptions,
): Promise<void> {
  const seen = nextObsEvent(connection, confirm.event, confirm.when, confirm.already, confirm);
  await connection.call(request, data).catch((e) => seen.cancel(e));
  await seen.done;
}
