/**
 * The OBS part of the seat contract: the `obs` state slice every seat sees, and the commands that drive
 * OBS. Roles: an assistant may switch scenes, preview, transition, take thumbnails and mute the mic;
 * only the host starts or stops outputs, changes settings or the stream destination.
 */
import { z } from 'zod';
import { StudioError } from '../errors';
import { command, HOST_ONLY, OPERATORS, viaCommand } from './define';

/** Connection states, in the words the UI translates. */
export type ObsStatus = 'disconnected' | 'connecting' | 'identified' | 'reconnecting' | 'failed';

/** Stable failure codes; the UI shows Chinese text per code, `message` is the English fallback. */
export type ObsReasonCode =
  | 'obs_unreachable'
  | 'auth_failed'
  | 'password_required'
  | 'unsupported_version'
  | 'timeout'
  | 'connection_lost'
  | 'session_invalidated'
  | 'invalid_address'
  | 'not_connected'
  | 'request_failed'
  | 'unavailable'
  | 'unknown';

export interface ObsReason {
  code: ObsReasonCode;
  message: string;
}

export type ObsWarningCode =
  | 'network_dropped_frames'
  | 'encoder_overloaded'
  | 'render_lagged'
  | 'low_fps'
  | 'high_cpu'
  | 'stream_reconnecting'
  | 'no_stream_data'
  | 'low_disk';

/**
 * A plain warning: the UI renders `code` with `values`, e.g. network_dropped_frames {percent: 3.2} ->
 * "网络拥堵：丢帧 3.2%". Values are rounded for display already (percent to 0.1, MB to integers).
 */
export interface ObsWarning {
  code: ObsWarningCode;
  level: 'warning' | 'critical';
  values: Record<string, number>;
}

export interface ObsOutputState {
  active: boolean;
  /** ms since epoch when this output started (as seen by the studio; from OBS's duration on reconnect). */
  startedAt: number | null;
  durationMs: number;
  /** Average over the last sampling window; 0 when inactive. */
  bitrateKbps: number;
  totalBytes: number;
}

export interface ObsStreamState extends ObsOutputState {
  reconnecting: boolean;
  /** Frames dropped by the network (output skipped) out of those sent, since the stream started. */
  droppedFrames: number;
  totalFrames: number;
  /** Dropped percent over the last sampling window. */
  droppedPercent: number;
  congestion: number;
}

export interface ObsRecordingState extends ObsOutputState {
  paused: boolean;
}

export interface ObsHealth {
  /** Frames per second OBS renders now, and what it should. */
  fps: number;
  targetFps: number | null;
  /** OBS's own CPU usage, percent. */
  cpu: number;
  memoryMb: number;
  /** Frames lagged by rendering, skipped by the encoder (cumulative since OBS started). */
  renderSkippedFrames: number;
  renderTotalFrames: number;
  encoderSkippedFrames: number;
  encoderTotalFrames: number;
  /** Percentages over the last sampling window. */
  renderSkippedPercent: number;
  encoderSkippedPercent: number;
  /** Free space on the recording disk, MB (null when unknown). */
  diskFreeMb: number | null;
  warnings: ObsWarning[];
  sampledAt: number | null;
}

export interface ObsState {
  status: ObsStatus;
  /** Why it failed, or why it is reconnecting; absent when fine. */
  reason?: ObsReason;
  /** Where the studio connects (never the password). */
  address: { host: string; port: number };
  version?: { obs: string; websocket: string; platform: string };
  scenes: string[];
  programScene: string | null;
  previewScene: string | null;
  studioMode: boolean;
  streaming: ObsStreamState;
  recording: ObsRecordingState;
  /** null: this OBS has no virtual camera (Debian without v4l2loopback, for instance). */
  virtualCam: { active: boolean } | null;
  /** The microphone input the studio mutes; null when none is found. */
  mic: { input: string; muted: boolean } | null;
  /** The stream destination as set in OBS: server only, never the key. */
  destination: { service: string; server: string | null; hasKey: boolean } | null;
  /** Input kinds this OBS has: the overlay setup uses browser_source where present. */
  hasBrowserSource: boolean;
  health: ObsHealth;
}

export interface ObsStateSlice {
  obs: ObsState;
}

/** Settings as seats see them: secrets only as "is set". */
export interface ObsPublicSettings {
  host: string;
  port: number;
  hasPassword: boolean;
  streamServer: string | null;
  hasStreamKey: boolean;
  micInput: string | null;
}

export interface ObsConnectResult {
  ok: boolean;
  status: ObsStatus;
  reason?: ObsReason;
  version?: ObsState['version'];
}

export interface ObsThumbnail {
  scene: string;
  /** data:image/jpeg;base64,... */
  imageData: string;
  width: number;
  takenAt: number;
}

const empty = z.object({}).strict();
const sceneName = z.string().min(1).max(200);
/** Stopping an output ends the show: the seat must say so explicitly; refused with `confirmation_required` otherwise. */
const confirmed = z.object({ confirm: z.boolean().optional() }).strict();

export const obsCommands = {
  /** Save address/password (when given) and (re)connect once; the result carries the exact failure reason. */
  'obs.connect': command<ObsConnectResult>()(
    z
      .object({
        host: z.string().min(1).max(253).optional(),
        port: z.number().int().min(1).max(65535).optional(),
        /** Omit to keep the saved one; empty string clears it. */
        password: z.string().max(200).optional(),
      })
      .strict(),
    HOST_ONLY,
  ),
  'obs.disconnect': command<{ status: ObsStatus }>()(empty, HOST_ONLY),
  'obs.getSettings': command<ObsPublicSettings>()(empty, HOST_ONLY),
  'obs.setScene': command<{ programScene: string }>()(z.object({ scene: sceneName }).strict(), OPERATORS),
  'obs.setPreviewScene': command<{ previewScene: string }>()(z.object({ scene: sceneName }).strict(), OPERATORS),
  'obs.setStudioMode': command<{ studioMode: boolean }>()(z.object({ enabled: z.boolean() }).strict(), OPERATORS),
  /** Studio mode: preview -> program with the current transition. */
  'obs.transition': command<{ programScene: string | null }>()(empty, OPERATORS),
  'obs.startStream': command<{ active: boolean }>()(empty, HOST_ONLY),
  'obs.stopStream': command<{ active: boolean }>()(confirmed, HOST_ONLY),
  'obs.startRecord': command<{ active: boolean }>()(empty, HOST_ONLY),
  'obs.stopRecord': command<{ active: boolean; file: string | null }>()(confirmed, HOST_ONLY),
  'obs.pauseRecord': command<{ paused: boolean }>()(empty, HOST_ONLY),
  'obs.resumeRecord': command<{ paused: boolean }>()(empty, HOST_ONLY),
  'obs.startVirtualCam': command<{ active: boolean }>()(empty, HOST_ONLY),
  'obs.stopVirtualCam': command<{ active: boolean }>()(empty, HOST_ONLY),
  'obs.setMicMuted': command<{ input: string; muted: boolean }>()(
    z.object({ muted: z.boolean(), input: z.string().min(1).max(200).optional() }).strict(),
    OPERATORS,
  ),
  /** 推流地址 + 推流码: a full push URL, or server and key separately. Saved (key sealed) and applied to OBS. */
  'obs.setStreamDestination': command<{ server: string; hasKey: boolean; applied: boolean }>()(
    z.object({ url: z.string().min(1).max(2000), key: z.string().max(2000).optional() }).strict(),
    HOST_ONLY,
  ),
  /** A small JPEG of a scene (program when omitted); rate-limited, ask only while the preview is visible. */
  'obs.thumbnail': command<ObsThumbnail>()(
    z.object({ scene: sceneName.optional(), width: z.number().int().min(32).max(1280).optional() }).strict(),
    OPERATORS,
  ),
  /** Create or repair the overlay sources in the chosen scene (idempotent; other sources untouched). */
};

/** `PUT /obs/stream`: `{ server, key }` or `{ url }` (a full push address; a key beside it is accepted too). */
export const streamBodySchema = z
  .object({
    url: z.string().min(1).max(2000).optional(),
    server: z.string().min(1).max(2000).optional(),
    key: z.string().min(1).max(2000).optional(),
  })
  .strict();

/** A `PUT /obs/stream` body in the seat command's words (`url` and optional `key`); 400 with a path otherwise. */
export function destinationArgs(body: z.output<typeof streamBodySchema>): { url: string; key?: string } {
  if (body.url && body.server)
    throw new StudioError('invalid_body', 'Give either url or server and key, not both', { path: 'server' });
  if (body.server) {
    if (!body.key) throw new StudioError('invalid_body', 'key: the stream key (推流码) is required', { path: 'key' });
    return { url: body.server, key: body.key };
  }
  if (!body.url)
    throw new StudioError('invalid_body', 'url: the push address (推流地址) is required, or server and key', {
      path: 'url',
    });
  return body.key ? { url: body.url, key: body.key } : { url: body.url };
}

/**
 * The OBS routes of PROTOCOL D, host only, each running its seat command's handler. The stream key goes
 * in and never comes out: `PUT /obs/stream` answers the server and that a key is set.
 */
export const obsRoutes = {
  'PUT /obs/stream': viaCommand(obsCommands, 'obs.setStreamDestination', {
    body: streamBodySchema,
    args: ({ body }) => destinationArgs(body),
    reply: ({ server }) => ({ server, keySet: true as const }),
  }),
  'POST /obs/stream/start': viaCommand(obsCommands, 'obs.startStream'),
  'POST /obs/stream/stop': viaCommand(obsCommands, 'obs.stopStream'),
  'POST /obs/record/start': viaCommand(obsCommands, 'obs.startRecord'),
  'POST /obs/record/stop': viaCommand(obsCommands, 'obs.stopRecord'),
  'PUT /obs/scene': viaCommand(obsCommands, 'obs.setScene', {
    roles: HOST_ONLY,
    reply: ({ programScene }) => ({ scene: programScene }),
  }),
};

/** The `obs` part of GET /api/v1/status (PROTOCOL.md D). */
export function obsStatusOf(state: ObsState): {
  connected: boolean;
  streaming: boolean;
  recording: boolean;
  scene: string | null;
} {
  return {
    connected: state.status === 'identified',
    streaming: state.streaming.active,
    recording: state.recording.active,
    scene: state.programScene,
  };
}
