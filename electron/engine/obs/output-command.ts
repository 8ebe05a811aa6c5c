/**
 * Starting and stopping an output (stream, recording) until OBS says it happened. OBS answers OK before
 * anything happened, and silently ignores a start while the previous output is still being torn down
 * (right after its STOPPED event) or while a modal dialog blocks it: when no progress event
 * (STARTING/STOPPING) follows within `retryAfterMs`, the request is sent again, until `timeoutMs`.
 */
import type { ObsConnection } from './connection';
import { ObsError } from './errors';

export type OutputRequest = 'StartStream' | 'StopStream' | 'StartRecord' | 'StopRecord';

export interface OutputCommand {
  request: OutputRequest;
  /** The state wanted: started (true) or stopped (false). */
  active: boolean;
  /** Whether the output already is in that state by our last knowledge (then nothing is sent). */
  activeNow: boolean;
  timeoutMs: number;
  retryAfterMs?: number;
}

const OUTPUT_OF: Record<OutputRequest, 'stream' | 'record'> = {
  StartStream: 'stream',
  StopStream: 'stream',
  StartRecord: 'record',
  StopRecord: 'record',
};

/** Runs the command; answers the file OBS wrote (StopRecord) or null. */
export async function runOutputCommand(connection: ObsConnection, command: OutputCommand): Promise<string | null> {
  const { request, active, timeoutMs, retryAfterMs = 1_500 } = command;
  if (command.activeNow === active) return null;
  const output = OUTPUT_OF[request];
  const event = output === 'stream' ? 'StreamStateChanged' : 'RecordStateChanged';
  const deadline = Date.now() + timeoutMs;
  const wanted = active ? 'OBS_WEBSOCKET_OUTPUT_STARTED' : 'OBS_WEBSOCKET_OUTPUT_STOPPED';
  const progress = active ? 'OBS_WEBSOCKET_OUTPUT_STARTING' : 'OBS_WEBSOCKET_OUTPUT_STOPPING';
  let done: { path: string | null } | null = null;
  let moving = false;
  let wake: () => void = () => undefined;
  const off = connection.onObsEvent(event, (data) => {
    const d = data as { outputState: string; outputPath?: string | null };
    if (d.outputState === wanted) done = { path: d.outputPath ?? null };
    else if (d.outputState === progress) moving = true;
    else return;
    wake();
  });
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, ms));
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  try {
    let answerPath: string | null = null;
    while (!done && Date.now() < deadline) {
      if (!moving) {
        try {
          const answer = await connection.call(request);
          answerPath = (answer as { outputPath?: string } | undefined)?.outputPath ?? answerPath;
        } catch (error) {
          // 500/501: OBS says the output already is (or is not) running; believe its status, not ours.
          if (!(error instanceof ObsError) || (error.obsCode !== 500 && error.obsCode !== 501)) throw error;
          const status = await connection.call(output === 'stream' ? 'GetStreamStatus' : 'GetRecordStatus');
          if (status.outputActive === active) return answerPath;
        }
      }
      if (done) break;
      await pause(moving ? deadline - Date.now() : Math.min(retryAfterMs, deadline - Date.now()));
      if (!connection.ready) throw ObsError.of('connection_lost');
    }
    const reached = done as { path: string | null } | null;
    if (!reached) {
      const what = output === 'stream' ? 'stream' : 'recording';
      throw ObsError.of(
        'timeout',
        `OBS did not ${active ? 'start' : 'stop'} the ${what} within ${timeoutMs / 1000} s (a dialog open in OBS?)`,
        { status: 504 },
      );
    }
    return reached.path ?? answerPath;
  } finally {
    off();
    wake = () => undefined;
  }
}
