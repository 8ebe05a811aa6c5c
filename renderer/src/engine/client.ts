/**
 * The seat's link to the engine over socket.io, typed by the shared contract. It is a small state
 * machine the UI shows in words: connecting -> connected -> reconnecting (attempt n, since t) ->
 * connected ..., or unauthorized (bad or revoked token: no point retrying).
 */
import { io, type Socket } from 'socket.io-client';
import { COMMAND_EVENT, type SeatEvents } from '../../../shared/contract';
import {
  type ConsoleCommandArgs,
  type ConsoleCommandName,
  type ConsoleCommandResult,
  FEED_EVENT,
  type FeedBatch,
} from './contract';

export type ConsoleEvents = SeatEvents;

export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'connected'; since: number }
  | { status: 'reconnecting'; since: number; attempt: number }
  | { status: 'unauthorized' }
  | { status: 'no_token' };

/** The error a failed command rejects with: the engine's code and message, plus any extra fields. */
export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly path?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

type Reply<R> =
  | { ok: true; result: R }
  | { ok: false; error: { code: string; message: string; path?: string }; [extra: string]: unknown };

export interface EngineClientHandlers {
  onState(state: ConnectionState): void;
  onEvent<E extends keyof ConsoleEvents>(event: E, payload: ConsoleEvents[E]): void;
}

export class EngineClient {
  private socket: Socket | null = null;
  private disconnectedAt = 0;

  constructor(
    private readonly engineUrl: string,
    private readonly token: string | null,
    private readonly handlers: EngineClientHandlers,
  ) {}

  start(): void {
    if (!this.token) {
      this.handlers.onState({ status: 'no_token' });
      return;
    }
    this.handlers.onState({ status: 'connecting' });
    const socket = io(`${this.engineUrl}/seat`, {
      auth: { token: this.token },
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      randomizationFactor: 0.5,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.disconnectedAt = 0;
      this.handlers.onState({ status: 'connected', since: Date.now() });
    });
    socket.on('disconnect', (reason) => {
      this.disconnectedAt ||= Date.now();
      this.handlers.onState({ status: 'reconnecting', since: this.disconnectedAt, attempt: 0 });
      // A server-side disconnect (revoked seat, engine restart) does not auto-reconnect in socket.io.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 500);
    });
    socket.io.on('reconnect_attempt', (attempt) => {
      this.handlers.onState({ status: 'reconnecting', since: this.disconnectedAt || Date.now(), attempt });
    });
    socket.on('connect_error', (error) => {
      if (error.message === 'bad_token') {
        this.handlers.onState({ status: 'unauthorized' });
        socket.disconnect();
        return;
      }
      this.disconnectedAt ||= Date.now();
      // Middleware and handshake refusals stop socket.io's own retries; keep trying while the engine restarts.
      if (!socket.active) setTimeout(() => socket.connect(), 1_000);
    });
    socket.on('snapshot', (payload: SeatEvents['snapshot']) => this.handlers.onEvent('snapshot', payload));
    socket.on('patch', (payload: SeatEvents['patch']) => this.handlers.onEvent('patch', payload));
    socket.on(FEED_EVENT, (payload: FeedBatch) => this.handlers.onEvent('feed', payload));
  }

  /** Sends a command; resolves with its result or rejects with a CommandError. */
  call<N extends ConsoleCommandName>(
    name: N,
    args: ConsoleCommandArgs<N>,
    timeoutMs = 15_000,
  ): Promise<ConsoleCommandResult<N>> {
    const socket = this.socket;
    if (!socket?.connected) {
      return Promise.reject(new CommandError('not_connected', 'Not connected to the engine'));
    }
    return new Promise((resolve, reject) => {
      socket
        .timeout(timeoutMs)
        .emit(COMMAND_EVENT, name, args, (error: Error | null, reply: Reply<ConsoleCommandResult<N>>) => {
          if (error) reject(new CommandError('timeout', `The engine did not answer ${name} in time`));
          else if (reply.ok) resolve(reply.result);
          else {
            const { error: body, ok: _ok, ...extra } = reply;
            reject(new CommandError(body.code, body.message, body.path, extra));
          }
        });
    });
  }

  stop(): void {
    this.socket?.disconnect();
    this.socket = null;
  }
}
