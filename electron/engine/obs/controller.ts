/**
 * Broadcast control and the `obs` state slice on top of the one ObsConnection: scenes, studio mode,
 * stream/record/virtual camera, mic mute, stream destination, thumbnails, health sampling. Emits
 * `state` with a plain JSON ObsState (coalesced: at most one emit per event-loop turn) for seats.
 */
import { EventEmitter } from 'node:events';
import type { OBSResponseTypes } from 'obs-websocket-js';
import type { ObsConnectResult, ObsPublicSettings, ObsState, ObsThumbnail } from '../../../shared/contract/obs';
import { StudioError } from '../../../shared/errors';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { obsUrl } from './address';
import { callAndConfirm } from './confirm';
import { ObsConnection, type ObsConnectionOptions } from './connection';
import { ObsError, obsReason, requireConfirm } from './errors';
import { DEFAULT_THRESHOLDS, type Thresholds } from './health';
import { HealthSampler } from './health-sample';
import { followObsEvents } from './obs-events';
import { type OutputRequest, runOutputCommand } from './output-command';
import { describeDestination, splitPushUrl } from './push-url';
import { SceneListReader } from './scene-list';
import type { SecretBox } from './secret-box';
import { DEFAULT_OBS_SETTINGS, type ObsSettings, publicSettings, saveObsSettings, withConnectArgs } from './settings';
import { applyRebuild, emptyObsState, rebuildRequests } from './state';
import { ThumbnailCache } from './thumbnails';

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

const clone = <T>(value: T): T => structuredClone(value);

export class ObsController extends EventEmitter<ControllerEvents> {
  readonly connection: ObsConnection;
  private readonly log: Logger;
  private settings: ObsSettings;
  private current: ObsState;
  private emitScheduled = false;
  private readonly health: HealthSampler;
  private destinationPending = false;
  private readonly thumbs: ThumbnailCache;
  private readonly scenes: SceneListReader;
  private readonly now: () => number;

  constructor(private readonly options: ObsControllerOptions = {}) {
    super();
    this.log = (options.logger ?? silentLogger()).child({ module: 'obs' });
    this.settings = { ...(options.settings ?? DEFAULT_OBS_SETTINGS) };
    this.now = options.now ?? Date.now;
    this.current = emptyObsState({ host: this.settings.host, port: this.settings.port });
    this.connection = new ObsConnection({ ...options.connection, logger: options.logger });
    this.health = new HealthSampler(this.connection, {
      windowMs: options.healthWindowMs ?? 10_000,
      thresholds: options.thresholds ?? DEFAULT_THRESHOLDS,
      now: this.now,
    });
    this.connection.setOnIdentified(() => this.rebuild());
    this.connection.on('state', (s) => {
      this.patch((st) => {
        st.status = s.status;
        st.reason = s.reason;
        if (s.status !== 'identified') st.health.warnings = [];
      });
    });
    this.connection.on('stats', (stats) => void this.sample(stats));
    this.thumbs = new ThumbnailCache(this.connection, options.thumbnailMinIntervalMs ?? 250, this.now);
    this.scenes = new SceneListReader(this.connection, (mutate) => this.patch(mutate));
    followObsEvents(this.connection, {
      patch: (mutate) => this.patch(mutate),
      refreshScenes: () => void this.scenes.refresh(),
      streamStarted: () => this.health.reset(),
      now: this.now,
    });
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
    const next = withConnectArgs(this.settings, args);
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
    await this.switchScene('program', scene);
    return { programScene: scene };
  }

  async setPreviewScene(scene: string): Promise<{ previewScene: string }> {
    if (!this.current.studioMode)
      throw new StudioError('studio_mode_off', 'Preview needs studio mode: turn it on first.', { status: 409 });
    await this.switchScene('preview', scene);
    return { previewScene: scene };
  }

  /** Sets the program or preview scene and waits for OBS's event saying so. */
  private async switchScene(which: 'program' | 'preview', scene: string): Promise<void> {
    const program = which === 'program';
    await callAndConfirm(
      this.connection,
      program ? 'SetCurrentProgramScene' : 'SetCurrentPreviewScene',
      { sceneName: scene },
      {
        event: program ? 'CurrentProgramSceneChanged' : 'CurrentPreviewSceneChanged',
        when: (d) => d.sceneName === scene,
        already: (program ? this.current.programScene : this.current.previewScene) === scene,
      },
    );
    this.patch((st) => {
      if (program) st.programScene = scene;
      else st.previewScene = scene;
    });
  }

  async setStudioMode(enabled: boolean): Promise<{ studioMode: boolean }> {
    await callAndConfirm(
      this.connection,
      'SetStudioModeEnabled',
      { studioModeEnabled: enabled },
      {
        event: 'StudioModeStateChanged',
        when: (d) => d.studioModeEnabled === enabled,
        already: this.current.studioMode === enabled,
      },
    );
    await this.scenes.refresh();
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
    await this.output('StartStream', true);
    return { active: true };
  }

  /** Ends the broadcast: refused without `confirm: true`. */
  async stopStream({ confirm }: { confirm?: boolean } = {}): Promise<{ active: boolean }> {
    requireConfirm(confirm, 'Stopping the stream ends the broadcast');
    await this.output('StopStream', false);
    return { active: false };
  }

  async startRecord(): Promise<{ active: boolean }> {
    await this.output('StartRecord', true);
    return { active: true };
  }

  /** Stops recording (refused without `confirm: true`); answers the file OBS wrote. */
  async stopRecord({ confirm }: { confirm?: boolean } = {}): Promise<{ active: boolean; file: string | null }> {
    requireConfirm(confirm, 'Stopping the recording ends the file');
    const file = await this.output('StopRecord', false);
    return { active: false, file };
  }

  /**
   * Pauses the recording. OBS answers OK even when it cannot pause (a recording sharing the stream's
   * encoder, "Same as stream" quality), so this waits for OBS's PAUSED event and says so otherwise.
   */
  async pauseRecord(): Promise<{ paused: boolean }> {
    if (!this.current.recording.active)
      throw new StudioError('not_recording', 'Nothing is being recorded.', { status: 409 });
    await callAndConfirm(this.connection, 'PauseRecord', undefined, {
      event: 'RecordStateChanged',
      when: (d) => d.outputState === 'OBS_WEBSOCKET_OUTPUT_PAUSED',
      already: this.current.recording.paused,
      timeoutMs: 3_000,
      onTimeout: () =>
        ObsError.of(
          'unavailable',
          'OBS did not pause: a recording that shares the stream encoder cannot pause (Settings -> Output -> Recording Quality other than "Same as stream")',
          { status: 409 },
        ),
    });
    this.patch((st) => {
      st.recording.paused = true;
    });
    return { paused: true };
  }

  async resumeRecord(): Promise<{ paused: boolean }> {
    await callAndConfirm(this.connection, 'ResumeRecord', undefined, {
      event: 'RecordStateChanged',
      when: (d) => d.outputState === 'OBS_WEBSOCKET_OUTPUT_RESUMED',
      already: !this.current.recording.paused,
    });
    this.patch((st) => {
      st.recording.paused = false;
    });
    return { paused: false };
  }

  startVirtualCam(): Promise<{ active: boolean }> {
    return this.virtualCam(true);
  }

  stopVirtualCam(): Promise<{ active: boolean }> {
    return this.virtualCam(false);
  }

  private async virtualCam(active: boolean): Promise<{ active: boolean }> {
    await this.connection.call(active ? 'StartVirtualCam' : 'StopVirtualCam');
    this.patch((st) => {
      st.virtualCam = { active };
    });
    return { active };
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
    return this.thumbs.take(source, width);
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

  /** Starts or stops the stream or the recording (see runOutputCommand); answers the file OBS wrote. */
  private output(request: OutputRequest, active: boolean): Promise<string | null> {
    const slice = request.endsWith('Stream') ? this.current.streaming : this.current.recording;
    return runOutputCommand(this.connection, {
      request,
      active,
      activeNow: slice.active,
      timeoutMs: this.options.outputChangeTimeoutMs ?? 15_000,
    });
  }

  /** Health: on each heartbeat's GetStats, plus output status while an output runs (one batch). */
  private async sample(stats: OBSResponseTypes['GetStats']): Promise<void> {
    try {
      const change = await this.health.take(stats, this.current);
      if (change) this.patch(change);
    } catch (error) {
      if (!(error instanceof ObsError)) this.log.warn({ err: error }, 'health sample failed');
    }
  }

  /** After every identify: one request batch rebuilds the whole slice. */
  private async rebuild(): Promise<void> {
    const knownMic = this.settings.micInput ?? this.current.mic?.input ?? null;
    const results = await this.connection.callBatch(rebuildRequests(knownMic) as never, {
      haltOnFailure: false,
    });
    const { state, micToQuery } = applyRebuild(this.current, results, this.now(), knownMic);
    this.health.reset();
    this.thumbs.clear();
    this.current = state;
    if (micToQuery) {
      const mute = await this.connection.call('GetInputMute', { inputName: micToQuery }).catch(() => null);
      if (mute) this.current.mic = { input: micToQuery, muted: mute.inputMuted };
    }
    if (this.destinationPending) await this.applyDestination().catch(() => undefined);
    this.scheduleEmit();
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
