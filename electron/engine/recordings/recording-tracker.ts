/**
 * Keeps the ledger's recordings in step with OBS: every RecordStateChanged event (STARTED with the
 * file OBS opened, PAUSED, RESUMED, STOPPED with the file it closed) lands in the ledger on the
 * studio clock. After a reconnect (or an engine restart while OBS kept recording) OBS's record status
 * settles what the events missed: a file that stopped meanwhile ends at its last write (the file's
 * modification time, a fact of the file; the start time if the file is gone), never at a guess.
 * Also starts recording when OBS goes live, when the host asked for it.
 */
import { statSync } from 'node:fs';
import type { ObsState, RecordingSettings } from '../../../shared/contract';
import type { Ledger } from '../ledger/ledger';
import type { Logger } from '../log';
import type { ObsController } from '../obs';

export interface RecordingTrackerOptions {
  obs: ObsController;
  ledger: Ledger;
  logger: Logger;
  settings: () => RecordingSettings;
  now?: () => number;
}

/** Subscribes; returns a function that unsubscribes. */
export function trackRecordings(options: RecordingTrackerOptions): () => void {
  const { obs, ledger, logger } = options;
  const now = options.now ?? Date.now;
  const store = ledger.recordings;
  const safely = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (error) {
      logger.warn({ err: error }, `recording ${what} not recorded in the ledger`);
    }
  };

  // OBS stops writing when it starts stopping; STOPPED (with the file name) can follow a second later.
  let stoppingAt: number | null = null;
  const offEvent = obs.connection.onObsEvent('RecordStateChanged', (d) => {
    const at = now();
    const path = d.outputPath || null;
    switch (d.outputState) {
      case 'OBS_WEBSOCKET_OUTPUT_STOPPING':
        stoppingAt = at;
        break;
      case 'OBS_WEBSOCKET_OUTPUT_STARTED':
        stoppingAt = null;
        safely('start', () => store.start(path, at));
        logger.info({ file: path }, 'recording started');
        break;
      case 'OBS_WEBSOCKET_OUTPUT_PAUSED':
        safely('pause', () => store.pause(at));
        break;
      case 'OBS_WEBSOCKET_OUTPUT_RESUMED':
        safely('resume', () => store.resume(at));
        break;
      case 'OBS_WEBSOCKET_OUTPUT_STOPPED':
        safely('stop', () => store.stop(path, stoppingAt ?? at));
        stoppingAt = null;
        logger.info({ file: path }, 'recording stopped');
        break;
      default:
        break;
    }
  });

  const settle = async () => {
    const status = await obs.connection.call('GetRecordStatus').catch(() => null);
    if (!status) return;
    const open = store.open();
    const at = now();
    safely('status', () => {
      if (status.outputActive && !open) {
        // Recording since before we connected: its file is named when it stops.
        store.start(null, at - Number(status.outputDuration ?? 0));
      } else if (!status.outputActive && open) {
        let end = open.startedAt;
        try {
          if (open.path) end = Math.max(open.startedAt, Math.round(statSync(open.path).mtimeMs));
        } catch {
          // the file is gone: it ends where it is known to have started
        }
        store.stop(null, end);
      }
    });
  };

  let identified = false;
  let streaming = obs.state.streaming.active;
  const onState = (s: ObsState) => {
    const nowIdentified = s.status === 'identified';
    if (nowIdentified && !identified) void settle();
    identified = nowIdentified;
    if (s.streaming.active && !streaming && options.settings().whenLive && !s.recording.active) {
      obs.startRecord().catch((error) => logger.warn({ err: error }, 'could not start recording on going live'));
    }
    streaming = s.streaming.active;
  };
  obs.on('state', onState);
  return () => {
    offEvent();
    obs.off('state', onState);
  };
}
