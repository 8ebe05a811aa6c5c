/** OBS state and health warnings in words (message keys plus values), from the contract's codes. Pure. */
import type { ObsReasonCode, ObsState, ObsWarning } from '../../../shared/contract/obs';
import type { MessageKey } from '../i18n/zh-CN';

export interface Words {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

export type Tone = 'ok' | 'warn' | 'error';

/** One sentence for the OBS link: connected (with version), connecting, reconnecting with why, failed with what to do. */
export function obsStatusWords(obs: Pick<ObsState, 'status' | 'reason' | 'address'>): Words & { tone: Tone } {
  const address = `${obs.address.host}:${obs.address.port}`;
  switch (obs.status) {
    case 'identified':
      return { key: 'obs.identified', tone: 'ok' };
    case 'connecting':
      return { key: 'obs.connecting', vars: { address }, tone: 'warn' };
    case 'reconnecting':
      return { key: 'obs.reconnecting', vars: { reason: reasonKeyText(obs.reason?.code) }, tone: 'warn' };
    case 'disconnected':
      return { key: 'obs.disconnected', tone: 'warn' };
    case 'failed':
      return { key: reasonKey(obs.reason?.code), vars: { address }, tone: 'error' };
  }
}

const REASONS: Partial<Record<ObsReasonCode, MessageKey>> = {
  obs_unreachable: 'obs.reason.obs_unreachable',
  auth_failed: 'obs.reason.auth_failed',
  password_required: 'obs.reason.password_required',
  unsupported_version: 'obs.reason.unsupported_version',
  timeout: 'obs.reason.timeout',
  connection_lost: 'obs.reason.connection_lost',
  invalid_address: 'obs.reason.invalid_address',
};

export function reasonKey(code: ObsReasonCode | undefined): MessageKey {
  return (code && REASONS[code]) || 'obs.reason.unknown';
}

/** The reason's code as a short tag inside another sentence (translated by the caller's dictionary). */
function reasonKeyText(code: ObsReasonCode | undefined): string {
  return code ?? 'unknown';
}

const WARNINGS: Record<ObsWarning['code'], MessageKey> = {
  network_dropped_frames: 'obsWarn.network_dropped_frames',
  encoder_overloaded: 'obsWarn.encoder_overloaded',
  render_lagged: 'obsWarn.render_lagged',
  low_fps: 'obsWarn.low_fps',
  high_cpu: 'obsWarn.high_cpu',
  stream_reconnecting: 'obsWarn.stream_reconnecting',
  no_stream_data: 'obsWarn.no_stream_data',
  low_disk: 'obsWarn.low_disk',
};

/** A health warning as words: network_dropped_frames {percent: 3.2} -> 网络拥堵：丢帧 3.2%. */
export function warningWords(warning: ObsWarning): Words {
  const key =
    warning.code === 'low_disk' && warning.values.minutesLeft !== undefined
      ? 'obsWarn.low_disk_minutes'
      : WARNINGS[warning.code];
  return { key: key ?? 'obsWarn.unknown', vars: { ...warning.values } };
}

/** Critical first, then by code, so the bar does not reshuffle between samples. */
export function sortWarnings(warnings: readonly ObsWarning[]): ObsWarning[] {
  return [...warnings].sort((a, b) =>
    a.level === b.level ? a.code.localeCompare(b.code) : a.level === 'critical' ? -1 : 1,
  );
}
