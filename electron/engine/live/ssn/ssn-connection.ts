/**
 * One listener on a Social Stream Ninja relay: joins a session on channel 4 and hands every frame to
 * `onFrame`. The relay is a plain websocket (`wss://io.socialstream.ninja/join/SESSION/4`); it sends
 * nothing to say the join worked, so "connected" means the socket is open and no close followed.
 *
 *   stopped --start()--> connecting --open--> connected
 *   connecting / connected --error, close, ping unanswered--> reconnecting --backoff with jitter--> connecting
 *   connecting --the relay refuses the address (HTTP 4xx on upgrade, bad URL)--> failed (the user has to act)
 *   any --stop()--> stopped
 *
 * A generation counter ties every socket callback to the attempt that made it, so a late event from an
 * old socket never moves the state. Failures are logged once per streak of the same reason, not per retry
 * (a relay can stay down for hours). The session id is a secret: it is never logged.
 */
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { Logger } from '../../log';
import { silentLogger } from '../../log';
import { type BackoffOptions, backoffDelay } from '../../obs/backoff';

export type SsnState = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'stopped';

export interface SsnSnapshot {
  state: SsnState;
  reason?: string;
  /** Failed attempts since the last successful open. */
  attempt: number;
  nextRetryAt?: number;
}

export const DEFAULT_SSN_RELAY = 'wss://io.socialstream.ninja';
export const SSN_CHAT_CHANNEL = 4;

/** Relays are remote and shared: start gently, back off up to half a minute. */
export const SSN_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 30_000, factor: 2, jitter: 0.3 };

export interface SsnConnectionOptions {
  /** Relay base, e.g. wss://io.socialstream.ninja or ws://127.0.0.1:3000 for a self-hosted one. */
  relay: string;
  session: string;
  onFrame: (frame: string) => void;
  logger?: Logger;
  backoff?: BackoffOptions;
  /** A ping unanswered this long means the relay is gone even if TCP has not noticed. */
  pingEveryMs?: number;
  connectTimeoutMs?: number;
  random?: () => number;
}

/** The join address: `<relay>/join/<session>/4`. */
export function joinUrl(relay: string, session: string): string {
  return `${relay.replace(/\/+$/, '')}/join/${encodeURIComponent(session)}/${SSN_CHAT_CHANNEL}`;
}

export class SsnConnection extends EventEmitter<{ state: [SsnSnapshot] }> {
  private snapshot: SsnSnapshot = { state: 'stopped', attempt: 0 };
  private socket: WebSocket | null = null;
  private generation = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private readonly log: Logger;
  private readonly backoff: BackoffOptions;

  constructor(private readonly options: SsnConnectionOptions) {
    super();
    this.log = options.logger ?? silentLogger();
    this.backoff = options.backoff ?? SSN_BACKOFF;
  }

  get state(): SsnSnapshot {
    return { ...this.snapshot };
  }

  start(): void {
    if (this.snapshot.state !== 'stopped' && this.snapshot.state !== 'failed') return;
    this.attempt(++this.generation);
  }

  stop(): void {
    this.generation++;
    this.clearTimers();
    this.drop();
    this.setState({ state: 'stopped', attempt: 0 });
  }

  private attempt(gen: number): void {
    if (gen !== this.generation) return;
    let url: string;
    try {
      url = joinUrl(this.options.relay, this.options.session);
      new URL(url);
    } catch {
      this.fail(gen, 'bad_url');
      return;
    }
    this.setState({ state: 'connecting', attempt: this.snapshot.attempt, reason: this.snapshot.reason });
    const socket = new WebSocket(url, { handshakeTimeout: this.options.connectTimeoutMs ?? 10_000 });
    this.socket = socket;
    let alive = true;
    socket.on('open', () => {
      if (gen !== this.generation || this.socket !== socket) return;
      if (this.snapshot.attempt > 0) this.log.info({ relay: this.options.relay }, 'SSN relay connected again');
      this.setState({ state: 'connected', attempt: 0 });
      this.pingTimer = setInterval(() => {
        if (!alive) {
          this.lost(gen, socket, 'ping_timeout');
          return;
        }
        alive = false;
        socket.ping();
      }, this.options.pingEveryMs ?? 20_000);
    });
    socket.on('pong', () => {
      alive = true;
    });
    socket.on('message', (data, isBinary) => {
      if (gen !== this.generation || this.socket !== socket) return;
      alive = true;
      this.options.onFrame(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString());
    });
    socket.on('unexpected-response', (_req, res) => {
      // The relay answered the upgrade with plain HTTP: a 4xx will not change by retrying.
      const status = res.statusCode ?? 0;
      res.resume();
      if (status >= 400 && status < 500) this.fail(gen, `http_${status}`, socket);
      else this.lost(gen, socket, `http_${status}`);
    });
    socket.on('error', (error: Error & { code?: string }) => this.lost(gen, socket, error.code ?? error.message));
    socket.on('close', (code) => this.lost(gen, socket, `closed_${code}`));
  }

  /** The socket is gone: one log line per streak of the same reason, then retry after backoff. */
  private lost(gen: number, socket: WebSocket, reason: string): void {
    if (gen !== this.generation || this.socket !== socket) return;
    this.drop();
    const streak = this.snapshot.reason === reason && this.snapshot.attempt > 0;
    this.log[streak ? 'debug' : 'warn']({ reason, attempt: this.snapshot.attempt }, 'SSN relay connection lost');
    const attempt = this.snapshot.attempt;
    const delay = backoffDelay(attempt, this.backoff, this.options.random);
    this.setState({ state: 'reconnecting', reason, attempt: attempt + 1, nextRetryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.attempt(gen);
    }, delay);
  }

  private fail(gen: number, reason: string, socket?: WebSocket): void {
    if (gen !== this.generation || (socket && this.socket !== socket)) return;
    this.drop();
    this.log.warn({ reason }, 'SSN relay refused the listener; not retrying');
    this.setState({ state: 'failed', reason, attempt: this.snapshot.attempt });
  }

  private drop(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners('message');
      socket.on('error', () => undefined); // a late error from a closed socket must not crash the engine
      socket.terminate();
    }
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  private setState(next: SsnSnapshot): void {
    const prev = this.snapshot;
    this.snapshot = next;
    if (prev.state !== next.state || prev.reason !== next.reason || prev.attempt !== next.attempt)
      this.emit('state', this.state);
  }
}
