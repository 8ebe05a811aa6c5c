/**
 * The one connection an engine keeps to OBS: a small state machine around obs-websocket-js, which has
 * no reconnect, no request timeouts, and leaves pending calls hanging forever when the socket closes.
 *
 *   disconnected --connect()--> connecting --identified + state rebuilt--> identified
 *   connecting --retryable failure--> reconnecting --backoff with jitter--> (try again)
 *   any --auth failed / obs-websocket 4.x / bad address--> failed (the user has to act)
 *   identified --socket closed / heartbeat timeout--> reconnecting
 *   any --disconnect()--> disconnected
 *
 * Every request has a timeout and is rejected when the socket closes. A GetStats heartbeat notices an
 * OBS that vanished without closing the socket (frozen, suspended, network gone). One instance per
 * engine: obs-websocket handles several sessions, but logins racing each other fail, and every seat
 * shares this one.
 */
import { EventEmitter } from 'node:events';
import OBSWebSocket, {
  EventSubscription,
  type OBSEventTypes,
  type OBSRequestTypes,
  type OBSResponseTypes,
  type RequestBatchOptions,
  type RequestBatchRequest,
  type ResponseMessage,
} from 'obs-websocket-js';
import type { ObsReason, ObsStatus } from '../../../shared/contract/obs';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff';
import { classifyClose, classifyConnectError, ObsError, obsReason, TERMINAL_REASONS } from './errors';
import { PendingRequests, requestError } from './pending-requests';
import { terminate, withTimeout } from './socket';

/**
 * What the studio listens to, chosen explicitly: scenes, inputs (mute), outputs (stream, record,
 * virtual cam) and UI (studio mode). No high-volume subscriptions (volume meters, transforms).
 */
export const STUDIO_EVENT_SUBSCRIPTIONS =
  EventSubscription.Scenes | EventSubscription.Inputs | EventSubscription.Outputs | EventSubscription.Ui;

export interface ObsTarget {
  /** ws://host:port */
  url: string;
  password?: string | null;
}

export interface ConnectionSnapshot {
  status: ObsStatus;
  reason?: ObsReason;
  /** Failed attempts since the last identify. */
  attempt: number;
  /** When the next attempt starts (reconnecting only). */
  nextRetryAt?: number;
  /** From the handshake. */
  webSocketVersion?: string;
  rpcVersion?: number;
}

export interface ObsConnectionOptions {
  logger?: Logger;
  /** Timeout of every request unless the call says otherwise. */
  requestTimeoutMs?: number;
  /** Budget for open + Hello + Identify. */
  connectTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  heartbeatTimeoutMs?: number;
  backoff?: BackoffOptions;
  eventSubscriptions?: number;
  /** Runs after every (re)identify, before the status becomes `identified`: rebuild state here. */
  onIdentified?: () => Promise<void>;
  /** Budget for onIdentified. */
  rebuildTimeoutMs?: number;
  random?: () => number;
}

export interface ConnectionEvents {
  state: [ConnectionSnapshot];
  /** The heartbeat's GetStats answer, for health sampling. */
  stats: [OBSResponseTypes['GetStats']];
}

export interface CallOptions {
  timeoutMs?: number;
}

type EventName = keyof OBSEventTypes;
type AnyHandler = (data: unknown) => void;

export class ObsConnection extends EventEmitter<ConnectionEvents> {
  private readonly log: Logger;
  private readonly opts: Required<Omit<ObsConnectionOptions, 'logger' | 'onIdentified'>> & {
    onIdentified?: () => Promise<void>;
  };
  private snapshot: ConnectionSnapshot = { status: 'disconnected', attempt: 0 };
  private target: ObsTarget | null = null;
  /** The client whose socket is identified (requests go here); null otherwise. */
  private client: OBSWebSocket | null = null;
  /** Bumped by connect()/disconnect(): callbacks of older generations are ignored. */
  private generation = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private heartbeatInFlight = false;
  private readonly pending = new PendingRequests();
  private readonly handlers = new Map<EventName, Set<AnyHandler>>();
  private waiters: { resolve: () => void; reject: (e: ObsError) => void; gen: number }[] = [];

  constructor(options: ObsConnectionOptions = {}) {
    super();
    this.log = (options.logger ?? silentLogger()).child({ module: 'obs' });
    this.opts = {
      requestTimeoutMs: options.requestTimeoutMs ?? 5_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 2_000,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 4_000,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      eventSubscriptions: options.eventSubscriptions ?? STUDIO_EVENT_SUBSCRIPTIONS,
      rebuildTimeoutMs: options.rebuildTimeoutMs ?? 10_000,
      random: options.random ?? Math.random,
      onIdentified: options.onIdentified,
    };
  }

  /** Sets the hook run after every identify (the controller's state rebuild). */
  setOnIdentified(hook: (() => Promise<void>) | undefined): void {
    this.opts.onIdentified = hook;
  }

  get state(): ConnectionSnapshot {
    return { ...this.snapshot };
  }

  get status(): ObsStatus {
    return this.snapshot.status;
  }

  /** True when requests can be sent (also during the rebuild, before status says identified). */
  get ready(): boolean {
    return this.client?.identified === true;
  }

  /** Number of requests waiting for an answer (tests assert it returns to 0). */
  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * Connects to `target` (replacing any current connection). Resolves when identified with state rebuilt;
   * rejects with an ObsError at the first failure. With `retry` (default) a retryable failure keeps
   * trying in the background (status `reconnecting`); terminal ones (wrong password, obs-websocket 4.x)
   * end in `failed`.
   */
  async connect(target: ObsTarget, { retry = true }: { retry?: boolean } = {}): Promise<void> {
    await this.teardown();
    const gen = ++this.generation;
    this.target = target;
    this.retryOnFailure = retry;
    this.setState({ status: 'connecting', attempt: 0 });
    const first = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject, gen }));
    void this.attempt(gen);
    return first;
  }

  private retryOnFailure = true;

  /** Resolves when identified (now or later); rejects after `timeoutMs` or if the connection fails for good. */
  whenIdentified(timeoutMs = 30_000): Promise<void> {
    if (this.snapshot.status === 'identified') return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('state', onState);
        reject(ObsError.of('timeout', `not identified within ${timeoutMs} ms`));
      }, timeoutMs);
      const onState = (s: ConnectionSnapshot) => {
        if (s.status === 'identified' || s.status === 'failed' || s.status === 'disconnected') {
          clearTimeout(timer);
          this.off('state', onState);
          if (s.status === 'identified') resolve();
          else reject(new ObsError(s.reason ?? obsReason('not_connected')));
        }
      };
      this.on('state', onState);
    });
  }

  /** Closes the connection and stops retrying; pending requests are rejected. */
  async disconnect(): Promise<void> {
    await this.teardown();
    this.generation++;
    this.target = null;
    this.setState({ status: 'disconnected', attempt: 0 });
  }

  /** Sends one request with a timeout; rejected when the socket closes. */
  call<K extends keyof OBSRequestTypes>(
    requestType: K,
    requestData?: OBSRequestTypes[K],
    options: CallOptions = {},
  ): Promise<OBSResponseTypes[K]> {
    const client = this.client;
    if (!client?.identified) return Promise.reject(ObsError.of('not_connected'));
    return this.pending.track(
      client.call(requestType, requestData).catch((error: unknown) => {
        throw requestError(requestType, error);
      }),
      options.timeoutMs ?? this.opts.requestTimeoutMs,
      requestType,
    );
  }

  /** Sends a request batch (one round trip) with a timeout; rejected when the socket closes. */
  callBatch(
    requests: RequestBatchRequest[],
    options: RequestBatchOptions = {},
    callOptions: CallOptions = {},
  ): Promise<ResponseMessage[]> {
    const client = this.client;
    if (!client?.identified) return Promise.reject(ObsError.of('not_connected'));
    return this.pending.track(
      client.callBatch(requests, options) as Promise<ResponseMessage[]>,
      callOptions.timeoutMs ?? this.opts.requestTimeoutMs,
      'RequestBatch',
    );
  }

  /** Listens to an OBS event on every socket this connection opens (the subscription must include it). */
  onObsEvent<E extends EventName>(name: E, handler: (data: OBSEventTypes[E]) => void): () => void {
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
    }
    set.add(handler as AnyHandler);
    return () => set.delete(handler as AnyHandler);
  }

  private setState(next: ConnectionSnapshot): void {
    this.snapshot = next;
    this.emit('state', { ...next });
  }

  private settleWaiters(gen: number, error?: ObsError): void {
    const mine = this.waiters.filter((w) => w.gen === gen);
    this.waiters = this.waiters.filter((w) => w.gen !== gen);
    for (const w of mine) {
      if (error) w.reject(error);
      else w.resolve();
    }
  }

  private async attempt(gen: number): Promise<void> {
    const target = this.target;
    if (!target || gen !== this.generation) return;
    const client = new OBSWebSocket();
    let helloAsksAuth = false;
    client.once('Hello', (hello) => {
      helloAsksAuth = Boolean(hello.authentication);
    });
    for (const [name, set] of this.handlers) {
      (client as unknown as { on(n: string, f: (data: unknown) => void): void }).on(name, (data: unknown) => {
        if (this.client !== client) return;
        for (const handler of set) {
          try {
            handler(data);
          } catch (error) {
            this.log.error({ err: error, event: name }, 'OBS event handler failed');
          }
        }
      });
    }
    const started = Date.now();
    try {
      const connecting = client.connect(target.url, target.password ?? undefined, {
        eventSubscriptions: this.opts.eventSubscriptions,
      });
      connecting.catch(() => undefined);
      const hello = await withTimeout(connecting, this.opts.connectTimeoutMs, () => {
        terminate(client);
        return ObsError.of('timeout', `no handshake within ${this.opts.connectTimeoutMs} ms`);
      });
      if (gen !== this.generation) {
        terminate(client);
        return;
      }
      this.client = client;
      client.on('ConnectionClosed', (error) => this.onClosed(gen, client, error));
      if (!client.identified) throw ObsError.of('connection_lost', 'closed right after identify');
      if (this.opts.onIdentified) {
        await withTimeout(this.opts.onIdentified(), this.opts.rebuildTimeoutMs, () =>
          ObsError.of('timeout', 'state rebuild took too long'),
        );
      }
      if (gen !== this.generation || this.client !== client) return;
      this.setState({
        status: 'identified',
        attempt: 0,
        webSocketVersion: hello.obsWebSocketVersion,
        rpcVersion: hello.negotiatedRpcVersion,
      });
      this.log.info({ ms: Date.now() - started, version: hello.obsWebSocketVersion }, 'OBS identified');
      this.startHeartbeat(gen, client);
      this.settleWaiters(gen);
    } catch (error) {
      if (gen !== this.generation) {
        terminate(client);
        return;
      }
      let reason = error instanceof ObsError ? error.reason : classifyConnectError(error);
      if (reason.code === 'auth_failed' && helloAsksAuth && !target.password) reason = obsReason('password_required');
      if (this.client === client) {
        this.client = null;
        this.pending.rejectAll(new ObsError(reason));
      }
      terminate(client);
      // One line per streak of the same failure, not one per retry (OBS may stay closed for hours).
      const level = this.snapshot.reason?.code === reason.code && this.snapshot.attempt > 0 ? 'debug' : 'warn';
      this.log[level]({ reason: reason.code, attempt: this.snapshot.attempt }, 'OBS connection attempt failed');
      this.failOrRetry(gen, reason);
    }
  }

  private failOrRetry(gen: number, reason: ObsReason): void {
    const firstTry = this.waiters.some((w) => w.gen === gen);
    const terminal = TERMINAL_REASONS.has(reason.code);
    if (terminal || (firstTry && !this.retryOnFailure)) {
      this.setState({ status: 'failed', reason, attempt: this.snapshot.attempt });
      this.settleWaiters(gen, new ObsError(reason));
      return;
    }
    this.settleWaiters(gen, new ObsError(reason));
    const attempt = this.snapshot.attempt;
    const delay = backoffDelay(attempt, this.opts.backoff, this.opts.random);
    this.setState({ status: 'reconnecting', reason, attempt: attempt + 1, nextRetryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.attempt(gen);
    }, delay);
  }

  private onClosed(gen: number, client: OBSWebSocket, error: { code?: number; message?: string }): void {
    if (gen !== this.generation || this.client !== client) return;
    this.lost(gen, client, classifyClose(error));
  }

  /** The identified socket is gone (closed, or the heartbeat timed out): reject pending, reconnect. */
  private lost(gen: number, client: OBSWebSocket, reason: ObsReason): void {
    if (gen !== this.generation || this.client !== client) return;
    this.client = null;
    this.stopHeartbeat();
    terminate(client);
    this.pending.rejectAll(new ObsError(reason));
    this.log.warn({ reason: reason.code }, 'OBS connection lost');
    this.snapshot.attempt = 0;
    this.failOrRetry(gen, reason);
  }

  private startHeartbeat(gen: number, client: OBSWebSocket): void {
    this.stopHeartbeat();
    this.heartbeatTimer = setInterval(() => {
      if (this.heartbeatInFlight || this.client !== client) return;
      this.heartbeatInFlight = true;
      this.call('GetStats', undefined, { timeoutMs: this.opts.heartbeatTimeoutMs })
        .then((stats) => {
          if (this.client === client) this.emit('stats', stats);
        })
        .catch((error: unknown) => {
          if (error instanceof ObsError && error.code === 'timeout') {
            this.lost(gen, client, obsReason('timeout', 'heartbeat (GetStats) got no answer'));
          }
        })
        .finally(() => {
          this.heartbeatInFlight = false;
        });
    }, this.opts.heartbeatIntervalMs);
    this.heartbeatTimer.unref?.();
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    this.heartbeatInFlight = false;
  }

  /** Stops timers, closes the socket, rejects pending calls and waiting connect() promises. */
  private async teardown(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.stopHeartbeat();
    const client = this.client;
    this.client = null;
    const closing = ObsError.of('not_connected', 'disconnected by the studio');
    this.pending.rejectAll(closing);
    for (const w of this.waiters.splice(0)) w.reject(closing);
    if (client) {
      // A polite close, bounded: a frozen OBS would never answer the close handshake.
      await withTimeout(client.disconnect(), 1_000, () => new Error('close timeout')).catch(() => undefined);
      terminate(client);
    }
  }
}
