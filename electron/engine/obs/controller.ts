/**
 * Broadcast control and the `obs` state slice on top of the one ObsConnection: scenes, studio mode,
 * stream/record/virtual camera, mic mute, stream destination, thumbnails, health sampling. Emits
 * `state` with a plain JSON ObsState (coalesced: at most one emit per event-loop turn) for seats.
 */
import { EventEmitter } from 'node:events';
import type { OBSEventTypes, OBSResponseTypes } from 'obs-websocket-js';
import type { ObsConnectResult, ObsPublicSettings, ObsState, ObsThumbnail } from '../../../shared/contract/obs';
import { StudioError } from '../../../shared/errors';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { ObsConnection, type ObsConnectionOptions } from './connection';
import { ObsError, obsReason } from './errors';
import { assessHealth, DEFAULT_THRESHOLDS, type HealthSample, type Thresholds } from './health';
import { describeDestination, splitPushUrl } from './push-url';
import type { SecretBox } from './secret-box';
import { DEFAULT_OBS_SETTINGS, type ObsSettings, publicSettings, saveObsSettings } from './settings';
import { applyRebuild, emptyObsState, idleRecording, idleStream, rebuildRequests, sceneNames } from './state';

export interface ObsControllerOptions {
  logger?: Logger;
  /** Initial settings (see loadObsSettings); defaults to 127.0.0.1:4455 without password. */
  settings?: ObsSettings;
  /** Where `obs.json` is saved when settings change; with `secretBox`. Without, settings live in memory. */
  dataDir?: string;
  secretBox?: SecretBox;
  connection?: ObsConnectionOptions;
  thresholds?: Thresholds;
  /** Sliding window for bitrate and loss percentages. */
  healthWindowMs?: number;
  /** Thumbnails of one scene at most this often; faster asks get the last image. */
  thumbnailMinIntervalMs?: number;
  /** How long start/stop commands wait for OBS to report the output's new state. */
  outputChangeTimeoutMs?: number;
  now?: () => number;
}

export interface ControllerEvents {
  state: [ObsState];
}

/** Host and port of a `ws://host:port` address (the headless `--obs` flag); throws StudioError `invalid_address`. */
export function parseObsUrl(url: string): { host: string; port: number } {
  const m = /^wss?:\/\/(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/i.exec(url.trim());
  const port = m ? Number(m[2] ?? 4455) : 0;
  if (!m || port < 1 || port > 65535) {
    throw new StudioError('invalid_address', 'OBS address must look like ws://127.0.0.1:4455', { path: 'obs' });
  }
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

/** ws URL for a host (IPv6 literals get brackets). */
export function obsUrl(host: string, port: number): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `ws://${h}:${port}`;
}

const clone = <T>(value: T): T => structuredClone(value);

export class ObsController extends EventEmitter<ControllerEvents> {
  readonly connection: ObsConnection;
  private readonly log: Logger;
  private settings: ObsSettings;
  private current: ObsState;
  private emitScheduled = false;
  private history: HealthSample[] = [];
  private sampling = false;
  private destinationPending = false;
  private readonly thumbs = new Map<string, { at: number; promise: Promise<ObsThumbnail> }>();
  private readonly now: () => number;
  private readonly thresholds: Thresholds;

  constructor(private readonly options: ObsControllerOptions = {}) {
    super();
    this.log = (options.logger ?? silentLogger()).child({ module: 'obs' });
    this.settings = { ...(options.settings ?? DEFAULT_OBS_SETTINGS) };
    this.now = options.now ?? Date.now;
    this.thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
    this.current = emptyObsState({ host: this.settings.host, port: this.settings.port });
    this.connection = new ObsConnection({ ...options.connection, logger: options.logger });
    this.connection.setOnIdentified(() => this.rebuild());
    this.connection.on('state', (s) => {
      this.patch((st) => {
        st.status = s.status;
        st.reason = s.reason;
        if (s.status !== 'identified') st.health.warnings = [];
      });
    });
    this.connection.on('stats', (stats) => void this.sample(stats));
    this.subscribe();
  }

  /** A copy of the current state (plain JSON). */
  get state(): ObsState {
    return clone(this.current);
  }

  /** Connects with the saved settings and keeps trying in the background; never rejects. */
  async start(): Promise<void> {
    await this.connection.connect(this.target()).catch(() => undefined);
  }

  /** Disconnects for good (engine shutdown). */
  async stop(): Promise<void> {
    await this.connection.disconnect();
  }

  getSettings(): ObsPublicSettings {
    return publicSettings(this.settings);
  }

  /**
   * Applies (and saves) a new address/password, then connects once and reports the exact outcome; a
   * retryable failure keeps reconnecting in the background. `password: ''` clears it, undefined keeps it.
   */
  async connect(args: { host?: string; port?: number; password?: string } = {}): Promise<ObsConnectResult> {
    const next: ObsSettings = {
      ...this.settings,
      host: args.host ?? this.settings.host,
      port: args.port ?? this.settings.port,
      password: args.password === undefined ? this.settings.password : args.password || null,
    };
    const addressChanged = next.host !== this.settings.host || next.port !== this.settings.port;
    if (!addressChanged && next.password === this.settings.password && this.connection.status === 'identified') {
      // Testing the live connection mid-show: probe it instead of dropping and re-identifying.
      try {
        await this.connection.call('GetVersion');
        return { ok: true, status: 'identified', version: this.current.version };
      } catch {
        // fall through to a fresh connect
      }
    }
    this.settings = next;
    // Saved on every explicit connect, also with the defaults: a studio set up once connects at the next start.
    await this.persist();
    this.patch((st) => {
      st.address = { host: next.host, port: next.port };
    });
    try {
      await this.connection.connect(this.target());
      return { ok: true, status: 'identified', version: this.current.version };
    } catch (error) {
      const reason = error instanceof ObsError ? error.reason : obsReason('unknown', String(error));
      return { ok: false, status: this.connection.status, reason };
    }
  }

  async disconnect(): Promise<{ status: ObsState['status'] }> {
    await this.connection.disconnect();
    return { status: 'disconnected' };
  }

  async setScene(scene: string): Promise<{ programScene: string }> {
    const seen = this.nextEvent(
      'CurrentProgramSceneChanged',
      (d) => d.sceneName === scene,
      this.current.programScene === scene,
    );
    await this.connection.call('SetCurrentProgramScene', { sceneName: scene }).catch((e) => seen.cancel(e));
    await seen.done;
    this.patch((st) => {
      st.programScene = scene;
    });
    return { programScene: scene };
  }

  async setPreviewScene(scene: string): Promise<{ previewScene: string }> {
    if (!this.current.studioMode)
      throw new StudioError('studio_mode_off', 'Preview needs studio mode: turn it on first.', { status: 409 });
    const seen = this.nextEvent(
      'CurrentPreviewSceneChanged',
      (d) => d.sceneName === scene,
      this.current.previewScene === scene,
    );
    await this.connection.call('SetCurrentPreviewScene', { sceneName: scene }).catch((e) => seen.cancel(e));
    await seen.done;
    this.patch((st) => {
      st.previewScene = scene;
    });
    return { previewScene: scene };
  }

  async setStudioMode(enabled: boolean): Promise<{ studioMode: boolean }> {
    const seen = this.nextEvent(
      'StudioModeStateChanged',
      (d) => d.studioModeEnabled === enabled,
      this.current.studioMode === enabled,
    );
    await this.connection.call('SetStudioModeEnabled', { studioModeEnabled: enabled }).catch((e) => seen.cancel(e));
    await seen.done;
    await this.refreshScenes();
    return { studioMode: enabled };
  }

  /** Studio mode: sends preview to program with the current transition. */
  async transition(): Promise<{ programScene: string | null }> {
    if (!this.current.studioMode)
      throw new StudioError('studio_mode_off', 'Transition needs studio mode: turn it on first.', { status: 409 });
    const next = this.current.previewScene;
    await this.connection.call('TriggerStudioModeTransition');
    return { programScene: next };
  }

  async startStream(): Promise<{ active: boolean }> {
    if (this.destinationPending) await this.applyDestination();
    await this.outputCommand('StartStream', 'StreamStateChanged', true);
    return { active: true };
  }

  /** Ends the broadcast: refused without `confirm: true`. */
  async stopStream({ confirm }: { confirm?: boolean } = {}): Promise<{ active: boolean }> {
    requireConfirm(confirm, 'Stopping the stream ends the broadcast');
    await this.outputCommand('StopStream', 'StreamStateChanged', false);
    return { active: false };
  }

  async startRecord(): Promise<{ active: boolean }> {
    await this.outputCommand('StartRecord', 'RecordStateChanged', true);
    return { active: true };
  }

  /** Stops recording (refused without `confirm: true`); answers the file OBS wrote. */
  async stopRecord({ confirm }: { confirm?: boolean } = {}): Promise<{ active: boolean; file: string | null }> {
    requireConfirm(confirm, 'Stopping the recording ends the file');
    const file = await this.outputCommand('StopRecord', 'RecordStateChanged', false);
    return { active: false, file };
  }

  /**
   * Pauses the recording. OBS answers OK even when it cannot pause (a recording sharing the stream's
   * encoder, "Same as stream" quality), so this waits for OBS's PAUSED event and says so otherwise.
   */
  async pauseRecord(): Promise<{ paused: boolean }> {
    if (!this.current.recording.active)
      throw new StudioError('not_recording', 'Nothing is being recorded.', { status: 409 });
    const seen = this.nextEvent(
      'RecordStateChanged',
      (d) => d.outputState === 'OBS_WEBSOCKET_OUTPUT_PAUSED',
      this.current.recording.paused,
      {
        timeoutMs: 3_000,
        onTimeout: () =>
          ObsError.of(
            'unavailable',
            'OBS did not pause: a recording that shares the stream encoder cannot pause (Settings -> Output -> Recording Quality other than "Same as stream")',
            { status: 409 },
          ),
      },
    );
    await this.connection.call('PauseRecord').catch((e) => seen.cancel(e));
    await seen.done;
    this.patch((st) => {
      st.recording.paused = true;
    });
    return { paused: true };
  }

  async resumeRecord(): Promise<{ paused: boolean }> {
    const seen = this.nextEvent(
      'RecordStateChanged',
      (d) => d.outputState === 'OBS_WEBSOCKET_OUTPUT_RESUMED',
      !this.current.recording.paused,
    );
    await this.connection.call('ResumeRecord').catch((e) => seen.cancel(e));
    await seen.done;
    this.patch((st) => {
      st.recording.paused = false;
    });
    return { paused: false };
  }

  async startVirtualCam(): Promise<{ active: boolean }> {
    await this.connection.call('StartVirtualCam');
    this.patch((st) => {
      st.virtualCam = { active: true };
    });
    return { active: true };
  }

  async stopVirtualCam(): Promise<{ active: boolean }> {
    await this.connection.call('StopVirtualCam');
    this.patch((st) => {
      st.virtualCam = { active: false };
    });
    return { active: false };
  }

  /** Mutes the mic input (the configured one, OBS's Mic/Aux, or `input`, which becomes the configured one). */
  async setMicMuted(muted: boolean, input?: string): Promise<{ input: string; muted: boolean }> {
    const name = input ?? this.current.mic?.input ?? this.settings.micInput;
    if (!name)
      throw new StudioError('no_mic_input', 'No microphone input found in OBS: add one or name it in settings.', {
        status: 409,
      });
    await this.connection.call('SetInputMute', { inputName: name, inputMuted: muted });
    if (input && input !== this.settings.micInput) {
      this.settings = { ...this.settings, micInput: input };
      await this.persist();
    }
    this.patch((st) => {
      st.mic = { input: name, muted };
    });
    return { input: name, muted };
  }

  /**
   * 推流地址/推流码 -> OBS custom RTMP server + key. Saved (key sealed); applied now when connected,
   * otherwise after the next identify (and at the latest before the next start of the stream).
   */
  async setStreamDestination(
    url: string,
    key?: string,
  ): Promise<{ server: string; hasKey: boolean; applied: boolean }> {
    const destination = splitPushUrl(url, key);
    this.settings = { ...this.settings, streamServer: destination.server, streamKey: destination.key };
    await this.persist();
    this.destinationPending = true;
    this.log.info({ destination: describeDestination(destination) }, 'stream destination set');
    let applied = false;
    if (this.connection.ready) {
      await this.applyDestination();
      applied = true;
    }
    return { server: destination.server, hasKey: true, applied };
  }

  /** A JPEG of a scene (program by default), at most every `thumbnailMinIntervalMs` per scene and width. */
  thumbnail({ scene, width = 320 }: { scene?: string; width?: number } = {}): Promise<ObsThumbnail> {
    const source = scene ?? this.current.programScene;
    if (!source) return Promise.reject(ObsError.of('not_connected', 'no scene to show'));
    const key = `${source}\u0000${width}`;
    const last = this.thumbs.get(key);
    const minInterval = this.options.thumbnailMinIntervalMs ?? 250;
    if (last && this.now() - last.at < minInterval) return last.promise;
    const promise = this.connection
      .call('GetSourceScreenshot', {
        sourceName: source,
        imageFormat: 'jpeg',
        imageWidth: width,
        imageCompressionQuality: 70,
      })
      .then(({ imageData }) => ({ scene: source, imageData, width, takenAt: this.now() }));
    this.thumbs.set(key, { at: this.now(), promise });
    promise.catch(() => this.thumbs.delete(key));
    if (this.thumbs.size > 32) this.thumbs.delete(this.thumbs.keys().next().value as string);
    return promise;
  }

  /**
   * Waits (briefly) for the event confirming a change: OBS answers scene requests before its UI thread
   * has applied them, so a command that resolves on the answer alone would report a state OBS is not
   * in yet. Resolves anyway after `timeoutMs` (the event may have been missed) unless `onTimeout` makes
   * the error to reject with; `cancel` rejects.
   */
  private nextEvent<
    E extends
      | 'CurrentProgramSceneChanged'
      | 'CurrentPreviewSceneChanged'
      | 'StudioModeStateChanged'
      | 'RecordStateChanged',
  >(
    name: E,
    predicate: (data: OBSEventTypes[E]) => boolean,
    already: boolean,
    { timeoutMs = 2_000, onTimeout }: { timeoutMs?: number; onTimeout?: () => Error } = {},
  ): { done: Promise<void>; cancel: (error: unknown) => never } {
    let off: () => void = () => undefined;
    let timer: NodeJS.Timeout | undefined;
    let fail: (error: unknown) => void = () => undefined;
    const done = new Promise<void>((resolve, reject) => {
      fail = reject;
      timer = setTimeout(() => (onTimeout && !already ? reject(onTimeout()) : resolve()), already ? 0 : timeoutMs);
      timer.unref?.();
      off = this.connection.onObsEvent(name, (data) => {
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

  /** The OBS password and stream key held now (for scrubbing, never for display). */
  secretValues(): string[] {
    return [this.settings.password, this.settings.streamKey].filter((v): v is string => !!v);
  }

  private target() {
    return { url: obsUrl(this.settings.host, this.settings.port), password: this.settings.password };
  }

  private async persist(): Promise<void> {
    if (this.options.dataDir && this.options.secretBox) {
      await saveObsSettings(this.options.dataDir, this.options.secretBox, this.settings);
    }
  }

  private async applyDestination(): Promise<void> {
    const { streamServer, streamKey } = this.settings;
    if (!streamServer || !streamKey) return;
    await this.connection.call('SetStreamServiceSettings', {
      streamServiceType: 'rtmp_custom',
      streamServiceSettings: { server: streamServer, key: streamKey, use_auth: false, bwtest: false },
    });
    this.destinationPending = false;
    this.patch((st) => {
      st.destination = { service: 'rtmp_custom', server: streamServer, hasKey: true };
    });
  }

  /**
   * Sends a start/stop request and waits until OBS reports the output in the wanted state. OBS answers
   * OK before anything happened, and silently ignores a start while the previous output is still being
   * torn down (right after its STOPPED event) or while a modal dialog blocks it: when no progress event
   * (STARTING/STOPPING) follows within `retryAfterMs`, the request is sent again, until `timeoutMs`.
   */
  private async outputCommand(
    request: 'StartStream' | 'StopStream' | 'StartRecord' | 'StopRecord',
    event: 'StreamStateChanged' | 'RecordStateChanged',
    active: boolean,
  ): Promise<string | null> {
    const slice = event === 'StreamStateChanged' ? 'streaming' : 'recording';
    if (this.current[slice].active === active) return null;
    const timeoutMs = this.options.outputChangeTimeoutMs ?? 15_000;
    const retryAfterMs = 1_500;
    const deadline = Date.now() + timeoutMs;
    const wanted = active ? 'OBS_WEBSOCKET_OUTPUT_STARTED' : 'OBS_WEBSOCKET_OUTPUT_STOPPED';
    const progress = active ? 'OBS_WEBSOCKET_OUTPUT_STARTING' : 'OBS_WEBSOCKET_OUTPUT_STOPPING';
    let done: { path: string | null } | null = null;
    let moving = false;
    let wake: () => void = () => undefined;
    const off = this.connection.onObsEvent(event, (data) => {
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
            const answer = await this.connection.call(request);
            answerPath = (answer as { outputPath?: string } | undefined)?.outputPath ?? answerPath;
          } catch (error) {
            // 500/501: OBS says the output already is (or is not) running; believe its status, not ours.
            if (!(error instanceof ObsError) || (error.obsCode !== 500 && error.obsCode !== 501)) throw error;
            const status = await this.connection.call(slice === 'streaming' ? 'GetStreamStatus' : 'GetRecordStatus');
            if (status.outputActive === active) return answerPath;
          }
        }
        if (done) break;
        await pause(moving ? deadline - Date.now() : Math.min(retryAfterMs, deadline - Date.now()));
        if (!this.connection.ready) throw ObsError.of('connection_lost');
      }
      const reached = done as { path: string | null } | null;
      if (!reached) {
        const what = slice === 'streaming' ? 'stream' : 'recording';
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

  /** After every identify: one request batch rebuilds the whole slice. */
  private async rebuild(): Promise<void> {
    const knownMic = this.settings.micInput ?? this.current.mic?.input ?? null;
    const results = await this.connection.callBatch(rebuildRequests(knownMic) as never, {
      haltOnFailure: false,
    });
    const { state, micToQuery } = applyRebuild(this.current, results, this.now(), knownMic);
    this.history = [];
    this.thumbs.clear();
    this.current = state;
    if (micToQuery) {
      const mute = await this.connection.call('GetInputMute', { inputName: micToQuery }).catch(() => null);
      if (mute) this.current.mic = { input: micToQuery, muted: mute.inputMuted };
    }
    if (this.destinationPending) await this.applyDestination().catch(() => undefined);
    this.scheduleEmit();
  }

  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;

  /**
   * Re-reads the scene list, serialized with a trailing run: OBS may answer overlapping requests out of
   * order, so only one is in flight and the last one starts after the last change event.
   */
  private refreshScenes(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        await this.readScenes().catch(() => undefined);
      } while (this.refreshAgain);
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async readScenes(): Promise<void> {
    const [list, studio] = await Promise.all([
      this.connection.call('GetSceneList'),
      this.connection.call('GetStudioModeEnabled'),
    ]);
    // The program scene is left to CurrentProgramSceneChanged: OBS switches scenes on its UI thread, so
    // a GetSceneList answered right after SetCurrentProgramScene can still name the old one.
    this.patch((st) => {
      st.scenes = sceneNames(list.scenes as { sceneIndex: number; sceneName: string }[]);
      if (st.programScene === null || !st.scenes.includes(st.programScene))
        st.programScene = list.currentProgramSceneName;
      st.studioMode = studio.studioModeEnabled;
      st.previewScene = studio.studioModeEnabled ? list.currentPreviewSceneName : null;
    });
  }

  /** Health: on each heartbeat's GetStats, plus output status while an output runs (one batch). */
  private async sample(stats: OBSResponseTypes['GetStats']): Promise<void> {
    if (this.sampling) return;
    this.sampling = true;
    try {
      const needOutputs = this.current.streaming.active || this.current.recording.active;
      let stream: Record<string, unknown> | null = null;
      let record: Record<string, unknown> | null = null;
      if (needOutputs) {
        const results = await this.connection.callBatch(
          [{ requestType: 'GetStreamStatus' }, { requestType: 'GetRecordStatus' }],
          {
            haltOnFailure: false,
          },
        );
        stream = (results[0]?.requestStatus.result ? results[0].responseData : null) as Record<string, unknown> | null;
        record = (results[1]?.requestStatus.result ? results[1].responseData : null) as Record<string, unknown> | null;
      }
      const at = this.now();
      const sample: HealthSample = {
        at,
        stats: {
          activeFps: stats.activeFps,
          cpuUsage: stats.cpuUsage,
          memoryUsage: stats.memoryUsage,
          availableDiskSpace: stats.availableDiskSpace,
          renderSkippedFrames: stats.renderSkippedFrames,
          renderTotalFrames: stats.renderTotalFrames,
          outputSkippedFrames: stats.outputSkippedFrames,
          outputTotalFrames: stats.outputTotalFrames,
        },
        stream: stream
          ? {
              active: Boolean(stream.outputActive),
              reconnecting: Boolean(stream.outputReconnecting),
              bytes: Number(stream.outputBytes ?? 0),
              skippedFrames: Number(stream.outputSkippedFrames ?? 0),
              totalFrames: Number(stream.outputTotalFrames ?? 0),
              congestion: Number(stream.outputCongestion ?? 0),
              durationMs: Number(stream.outputDuration ?? 0),
            }
          : null,
        record: record
          ? {
              active: Boolean(record.outputActive),
              paused: Boolean(record.outputPaused),
              bytes: Number(record.outputBytes ?? 0),
              durationMs: Number(record.outputDuration ?? 0),
            }
          : null,
      };
      const windowMs = this.options.healthWindowMs ?? 10_000;
      this.history.push(sample);
      while (this.history.length > 2 && at - this.history[0].at > windowMs + 5_000) this.history.shift();
      const report = assessHealth(this.history, {
        targetFps: this.current.health.targetFps,
        windowMs,
        thresholds: this.thresholds,
      });
      this.patch((st) => {
        const h = st.health;
        h.fps = stats.activeFps;
        h.cpu = stats.cpuUsage;
        h.memoryMb = stats.memoryUsage;
        h.renderSkippedFrames = stats.renderSkippedFrames;
        h.renderTotalFrames = stats.renderTotalFrames;
        h.encoderSkippedFrames = stats.outputSkippedFrames;
        h.encoderTotalFrames = stats.outputTotalFrames;
        h.renderSkippedPercent = report.renderSkippedPercent;
        h.encoderSkippedPercent = report.encoderSkippedPercent;
        h.diskFreeMb = stats.availableDiskSpace;
        h.warnings = report.warnings;
        h.sampledAt = at;
        const s = sample.stream;
        if (s?.active && st.streaming.active) {
          st.streaming.durationMs = s.durationMs;
          st.streaming.totalBytes = s.bytes;
          st.streaming.reconnecting = s.reconnecting;
          st.streaming.droppedFrames = s.skippedFrames;
          st.streaming.totalFrames = s.totalFrames;
          st.streaming.congestion = s.congestion;
          st.streaming.bitrateKbps = Math.round(report.streamBitrateKbps);
          st.streaming.droppedPercent = report.droppedPercent;
        }
        const r = sample.record;
        if (r?.active && st.recording.active) {
          st.recording.durationMs = r.durationMs;
          st.recording.totalBytes = r.bytes;
          st.recording.paused = r.paused;
          st.recording.bitrateKbps = Math.round(report.recordBitrateKbps);
        }
      });
    } catch (error) {
      if (!(error instanceof ObsError)) this.log.warn({ err: error }, 'health sample failed');
    } finally {
      this.sampling = false;
    }
  }

  private subscribe(): void {
    const c = this.connection;
    c.onObsEvent('CurrentProgramSceneChanged', ({ sceneName }) =>
      this.patch((st) => {
        st.programScene = sceneName;
      }),
    );
    c.onObsEvent('CurrentPreviewSceneChanged', ({ sceneName }) =>
      this.patch((st) => {
        if (st.studioMode) st.previewScene = sceneName;
      }),
    );
    const refresh = () => void this.refreshScenes();
    c.onObsEvent('SceneListChanged', refresh);
    c.onObsEvent('SceneCreated', refresh);
    c.onObsEvent('SceneRemoved', refresh);
    c.onObsEvent('SceneNameChanged', refresh);
    c.onObsEvent('StudioModeStateChanged', refresh);
    c.onObsEvent('StreamStateChanged', (d) => this.onStreamState(d));
    c.onObsEvent('RecordStateChanged', (d) => this.onRecordState(d));
    c.onObsEvent('VirtualcamStateChanged', ({ outputActive }) =>
      this.patch((st) => {
        st.virtualCam = { active: outputActive };
      }),
    );
    c.onObsEvent('InputMuteStateChanged', ({ inputName, inputMuted }) =>
      this.patch((st) => {
        if (st.mic?.input === inputName) st.mic.muted = inputMuted;
      }),
    );
    c.onObsEvent('InputNameChanged', ({ oldInputName, inputName }) =>
      this.patch((st) => {
        if (st.mic?.input === oldInputName) st.mic.input = inputName;
      }),
    );
    c.onObsEvent('InputRemoved', ({ inputName }) =>
      this.patch((st) => {
        if (st.mic?.input === inputName) st.mic = null;
      }),
    );
  }

  private onStreamState(d: OBSEventTypes['StreamStateChanged']): void {
    this.patch((st) => {
      switch (d.outputState) {
        case 'OBS_WEBSOCKET_OUTPUT_STARTED':
          st.streaming = { ...idleStream(), active: true, startedAt: this.now() };
          this.history = [];
          break;
        case 'OBS_WEBSOCKET_OUTPUT_RECONNECTING':
          st.streaming.reconnecting = true;
          break;
        case 'OBS_WEBSOCKET_OUTPUT_RECONNECTED':
          st.streaming.reconnecting = false;
          break;
        case 'OBS_WEBSOCKET_OUTPUT_STOPPED':
          st.streaming = idleStream();
          break;
        default:
          break;
      }
    });
  }

  private onRecordState(d: OBSEventTypes['RecordStateChanged']): void {
    this.patch((st) => {
      switch (d.outputState) {
        case 'OBS_WEBSOCKET_OUTPUT_STARTED':
          st.recording = { ...idleRecording(), active: true, startedAt: this.now() };
          break;
        case 'OBS_WEBSOCKET_OUTPUT_PAUSED':
          st.recording.paused = true;
          break;
        case 'OBS_WEBSOCKET_OUTPUT_RESUMED':
          st.recording.paused = false;
          break;
        case 'OBS_WEBSOCKET_OUTPUT_STOPPED':
          st.recording = idleRecording();
          break;
        default:
          break;
      }
    });
  }

  private patch(mutate: (state: ObsState) => void): void {
    mutate(this.current);
    this.scheduleEmit();
  }

  private scheduleEmit(): void {
    if (this.emitScheduled) return;
    this.emitScheduled = true;
    queueMicrotask(() => {
      this.emitScheduled = false;
      this.emit('state', clone(this.current));
    });
  }
}

function requireConfirm(confirm: boolean | undefined, what: string): void {
  if (confirm !== true) {
    throw new StudioError('confirmation_required', `${what}: ask the host to confirm, then send confirm: true.`, {
      status: 409,
      path: 'confirm',
    });
  }
}
