/**
 * Why an OBS connection or request failed, as stable codes (the UI translates them) with English
 * messages that say what to do next. Classification of raw obs-websocket-js / ws errors is pure.
 */

import type { ObsReason, ObsReasonCode } from '../../../shared/contract/obs';
import { StudioError } from '../../../shared/errors';

/** Close codes of obs-websocket 5 (WebSocketCloseCode in its protocol). */
export const OBS_CLOSE = {
  unknownReason: 4000,
  messageDecodeError: 4002,
  notIdentified: 4007,
  alreadyIdentified: 4008,
  authenticationFailed: 4009,
  unsupportedRpcVersion: 4010,
  sessionInvalidated: 4011,
  unsupportedFeature: 4012,
} as const;

const MESSAGES: Record<ObsReasonCode, string> = {
  obs_unreachable:
    'OBS is not reachable: start OBS, and turn on its WebSocket server (Tools -> WebSocket Server Settings -> Enable WebSocket server); check host and port.',
  auth_failed:
    'OBS refused the password: copy it from OBS (Tools -> WebSocket Server Settings -> Show Connect Info) into the studio settings.',
  password_required:
    'OBS asks for a password: copy it from OBS (Tools -> WebSocket Server Settings -> Show Connect Info) into the studio settings.',
  unsupported_version:
    'This OBS speaks obs-websocket 4.x, which is not supported: use OBS Studio 28 or newer (obs-websocket 5 is built in).',
  timeout: 'OBS did not answer in time: it may be frozen or busy; the studio keeps trying.',
  connection_lost: 'The connection to OBS was lost; the studio reconnects by itself.',
  session_invalidated: 'OBS closed this session (its WebSocket settings were changed or the session was kicked).',
  invalid_address: 'The OBS address is not valid: use a host name or IP and a port such as 127.0.0.1 and 4455.',
  not_connected: 'OBS is not connected.',
  request_failed: 'OBS refused the request.',
  unavailable: 'This OBS does not have that feature.',
  unknown: 'Unexpected error talking to OBS.',
};

/** A reason with its English message (the message may carry details after the advice). */
export function obsReason(code: ObsReasonCode, detail?: string): ObsReason {
  return detail ? { code, message: `${MESSAGES[code]} (${detail})` } : { code, message: MESSAGES[code] };
}

/** An OBS failure thrown by the connection, the controller and command handlers. */
export class ObsError extends StudioError {
  readonly reason: ObsReason;
  /** obs-websocket's RequestStatus code when OBS itself refused a request (e.g. 600 resource not found). */
  readonly obsCode?: number;
  constructor(reason: ObsReason, options: { status?: number; obsCode?: number; path?: string } = {}) {
    super(reason.code, reason.message, { status: options.status ?? 502, path: options.path });
    this.name = 'ObsError';
    this.reason = reason;
    this.obsCode = options.obsCode;
  }

  static of(code: ObsReasonCode, detail?: string, options?: { status?: number; obsCode?: number }): ObsError {
    return new ObsError(obsReason(code, detail), options);
  }
}

/** Codes after which retrying with the same settings cannot help: the user has to act. */
export const TERMINAL_REASONS: ReadonlySet<ObsReasonCode> = new Set([
  'auth_failed',
  'password_required',
  'unsupported_version',
  'invalid_address',
]);

interface RawError {
  code?: unknown;
  message?: unknown;
}

/**
 * Maps what obs-websocket-js (over ws) rejects `connect()` with to a reason. It rejects with either the
 * socket's error (`connect ECONNREFUSED ...`, `Server sent no subprotocol`) or the close event (code +
 * reason), depending on which comes first.
 */
export function classifyConnectError(error: unknown): ObsReason {
  const raw = (error ?? {}) as RawError;
  const code = typeof raw.code === 'number' ? raw.code : undefined;
  const message = typeof raw.message === 'string' ? raw.message : String(error);
  if (code === OBS_CLOSE.authenticationFailed) return obsReason('auth_failed');
  if (code === OBS_CLOSE.unsupportedRpcVersion) return obsReason('unsupported_version', message);
  if (code === OBS_CLOSE.sessionInvalidated) return obsReason('session_invalidated');
  // obs-websocket 4.x negotiates no subprotocol: ws (or the library) refuses the handshake.
  if (/no subprotocol|invalid subprotocol|Server sent a subprotocol but none was requested/i.test(message)) {
    return obsReason('unsupported_version');
  }
  if (
    /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ECONNRESET|socket hang up|Unexpected server response/i.test(
      message,
    )
  ) {
    return obsReason('obs_unreachable', message);
  }
  if (/Invalid URL|invalid url|The URL's protocol/i.test(message)) return obsReason('invalid_address', message);
  if (code === 1006 || code === 1001 || code === 1000) return obsReason('obs_unreachable', message || `closed ${code}`);
  return obsReason('unknown', message || (code !== undefined ? `code ${code}` : undefined));
}

/** Ending an output ends the show: refused with `confirmation_required` unless the seat sent `confirm: true`. */
export function requireConfirm(confirm: boolean | undefined, what: string): void {
  if (confirm !== true) {
    throw new StudioError('confirmation_required', `${what}: ask the host to confirm, then send confirm: true.`, {
      status: 409,
      path: 'confirm',
    });
  }
}

/** Why an identified socket closed (obs-websocket close codes). */
export function classifyClose(error: { code?: number; message?: string }): ObsReason {
  if (error?.code === 4011) return obsReason('session_invalidated');
  if (error?.code === 4009) return obsReason('auth_failed');
  return obsReason('connection_lost', error?.code ? `close code ${error.code}` : undefined);
}
