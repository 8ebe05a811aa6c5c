/**
 * The 10-second test broadcast in words: what OBS's stream output did while it ran (bitrate, frames
 * dropped by the network), judged the way a host needs it. Pure; the step samples the `obs` state.
 */
import type { ObsStreamState } from '../../../shared/contract/obs';

export type Sample = Pick<ObsStreamState, 'bitrateKbps' | 'droppedFrames' | 'totalFrames' | 'totalBytes'>;

export interface TestVerdict {
  verdict: 'good' | 'weak' | 'bad' | 'none';
  kbps: number;
  dropped: number;
  percent: string;
}

/** Dropped share (of frames sent during the test) above which the stream is shaky, and poor. */
export const WEAK_PERCENT = 1;
export const BAD_PERCENT = 5;

/** `samples` in time order, first taken as the broadcast started. */
export function judgeTestBroadcast(samples: readonly Sample[]): TestVerdict {
  const first = samples[0];
  const last = samples[samples.length - 1];
  const moving = samples.filter((s) => s.bitrateKbps > 0);
  if (!first || !last || last.totalBytes <= first.totalBytes || moving.length === 0) {
    return { verdict: 'none', kbps: 0, dropped: 0, percent: '0.0' };
  }
  const kbps = Math.round(moving.reduce((a, s) => a + s.bitrateKbps, 0) / moving.length);
  const dropped = Math.max(0, last.droppedFrames - first.droppedFrames);
  const frames = Math.max(0, last.totalFrames - first.totalFrames);
  const share = frames > 0 ? (dropped / frames) * 100 : 0;
  const verdict = share >= BAD_PERCENT ? 'bad' : share >= WEAK_PERCENT ? 'weak' : 'good';
  return { verdict, kbps, dropped, percent: share.toFixed(1) };
}

/** What is left of a pasted push address once the server is taken off: the key, masked for the screen. */
export function maskedKey(pasted: string, server: string, separateKey?: string): string {
  const text = pasted.replace(/\s+/g, '');
  const key = separateKey?.trim() || (text.startsWith(server) ? text.slice(server.length) : '');
  if (key.length <= 4) return '••••••';
  return `${key.slice(0, 3)}••••••${key.slice(-2)}`;
}
