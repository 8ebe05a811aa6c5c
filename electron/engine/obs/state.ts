/**
 * The `obs` state slice: its empty value and the pure step that folds the post-identify request batch
 * into it. Kept apart from the controller so the mapping of OBS answers is easy to read and test.
 */
import type { ResponseMessage } from 'obs-websocket-js';
import type { ObsHealth, ObsRecordingState, ObsState, ObsStreamState } from '../../../shared/contract/obs';

export const emptyHealth = (): ObsHealth => ({
  fps: 0,
  targetFps: null,
  cpu: 0,
  memoryMb: 0,
  renderSkippedFrames: 0,
  renderTotalFrames: 0,
  encoderSkippedFrames: 0,
  encoderTotalFrames: 0,
  renderSkippedPercent: 0,
  encoderSkippedPercent: 0,
  diskFreeMb: null,
  warnings: [],
  sampledAt: null,
});

export const idleStream = (): ObsStreamState => ({
  active: false,
  startedAt: null,
  durationMs: 0,
  bitrateKbps: 0,
  totalBytes: 0,
  reconnecting: false,
  droppedFrames: 0,
  totalFrames: 0,
  droppedPercent: 0,
  congestion: 0,
});

export const idleRecording = (): ObsRecordingState => ({
  active: false,
  startedAt: null,
  durationMs: 0,
  bitrateKbps: 0,
  totalBytes: 0,
  paused: false,
});

export function emptyObsState(address: { host: string; port: number }): ObsState {
  return {
    status: 'disconnected',
    address,
    scenes: [],
    programScene: null,
    previewScene: null,
    studioMode: false,
    streaming: idleStream(),
    recording: idleRecording(),
    virtualCam: null,
    mic: null,
    destination: null,
    hasBrowserSource: false,
    health: emptyHealth(),
  };
}

/** OBS lists scenes bottom-up (index 0 is the last in its UI); seats show them as OBS does, top first. */
export function sceneNames(scenes: readonly { sceneIndex?: unknown; sceneName?: unknown }[]): string[] {
  return [...scenes]
    .sort((a, b) => Number(b.sceneIndex ?? 0) - Number(a.sceneIndex ?? 0))
    .map((s) => String(s.sceneName));
}

/**
 * The requests sent as one batch after every identify; `micInput` (configured, or found on an earlier
 * identify) adds its mute state, so only the very first identify needs a follow-up for the mic.
 */
export function rebuildRequests(micInput: string | null) {
  const requests: { requestType: string; requestData?: Record<string, unknown> }[] = [
    { requestType: 'GetVersion' },
    { requestType: 'GetSceneList' },
    { requestType: 'GetStudioModeEnabled' },
    { requestType: 'GetStreamStatus' },
    { requestType: 'GetRecordStatus' },
    { requestType: 'GetVirtualCamStatus' },
    { requestType: 'GetStreamServiceSettings' },
    { requestType: 'GetVideoSettings' },
    { requestType: 'GetInputKindList', requestData: { unversioned: true } },
    { requestType: 'GetSpecialInputs' },
    { requestType: 'GetStats' },
  ];
  if (micInput) requests.push({ requestType: 'GetInputMute', requestData: { inputName: micInput } });
  return requests;
}

type Data = Record<string, unknown>;

/**
 * Folds the batch answers into a fresh state (keeping address and status from `previous`). Returns
 * the mic input OBS names (Mic/Aux) when the batch did not include its mute state.
 */
export function applyRebuild(
  previous: ObsState,
  results: readonly ResponseMessage[],
  now: number,
  configuredMic: string | null,
): { state: ObsState; micToQuery: string | null } {
  const byType = new Map<string, Data | null>();
  for (const r of results) byType.set(r.requestType, r.requestStatus.result ? ((r.responseData ?? {}) as Data) : null);
  const state: ObsState = {
    ...emptyObsState(previous.address),
    status: previous.status,
    reason: previous.reason,
    health: { ...emptyHealth(), warnings: [] },
  };

  const version = byType.get('GetVersion');
  if (version) {
    state.version = {
      obs: String(version.obsVersion),
      websocket: String(version.obsWebSocketVersion),
      platform: String(version.platformDescription ?? version.platform ?? ''),
    };
  }
  const scenes = byType.get('GetSceneList');
  if (scenes) {
    state.scenes = sceneNames((scenes.scenes as Data[]) ?? []);
    state.programScene = (scenes.currentProgramSceneName as string | null) ?? null;
    state.previewScene = (scenes.currentPreviewSceneName as string | null) ?? null;
  }
  state.studioMode = Boolean(byType.get('GetStudioModeEnabled')?.studioModeEnabled);
  if (!state.studioMode) state.previewScene = null;

  const stream = byType.get('GetStreamStatus');
  if (stream?.outputActive) {
    const durationMs = Number(stream.outputDuration ?? 0);
    state.streaming = {
      ...idleStream(),
      active: true,
      startedAt: now - durationMs,
      durationMs,
      totalBytes: Number(stream.outputBytes ?? 0),
      reconnecting: Boolean(stream.outputReconnecting),
      droppedFrames: Number(stream.outputSkippedFrames ?? 0),
      totalFrames: Number(stream.outputTotalFrames ?? 0),
      congestion: Number(stream.outputCongestion ?? 0),
    };
  }
  const record = byType.get('GetRecordStatus');
  if (record?.outputActive) {
    const durationMs = Number(record.outputDuration ?? 0);
    state.recording = {
      ...idleRecording(),
      active: true,
      startedAt: now - durationMs,
      durationMs,
      totalBytes: Number(record.outputBytes ?? 0),
      paused: Boolean(record.outputPaused),
    };
  }
  const virtualCam = byType.get('GetVirtualCamStatus');
  state.virtualCam = virtualCam ? { active: Boolean(virtualCam.outputActive) } : null;

  const service = byType.get('GetStreamServiceSettings');
  if (service) {
    const settings = (service.streamServiceSettings ?? {}) as Data;
    state.destination = {
      service: String(service.streamServiceType ?? ''),
      server: typeof settings.server === 'string' ? settings.server : null,
      hasKey: typeof settings.key === 'string' && settings.key.length > 0,
    };
  }
  const video = byType.get('GetVideoSettings');
  if (video && Number(video.fpsDenominator) > 0) {
    state.health.targetFps = Number(video.fpsNumerator) / Number(video.fpsDenominator);
  }
  const kinds = byType.get('GetInputKindList');
  state.hasBrowserSource =
    Array.isArray(kinds?.inputKinds) && (kinds.inputKinds as string[]).includes('browser_source');

  const stats = byType.get('GetStats');
  if (stats) {
    state.health.fps = Number(stats.activeFps ?? 0);
    state.health.cpu = Number(stats.cpuUsage ?? 0);
    state.health.memoryMb = Number(stats.memoryUsage ?? 0);
    state.health.diskFreeMb = typeof stats.availableDiskSpace === 'number' ? stats.availableDiskSpace : null;
    state.health.sampledAt = now;
  }

  let micToQuery: string | null = null;
  const mute = byType.get('GetInputMute');
  if (configuredMic && mute) {
    state.mic = { input: configuredMic, muted: Boolean(mute.inputMuted) };
  } else {
    // No mic known yet, or it was renamed/removed: OBS's own Mic/Aux, queried after the batch.
    const special = byType.get('GetSpecialInputs');
    const mic1 = special?.mic1;
    if (typeof mic1 === 'string' && mic1) micToQuery = mic1;
  }
  return { state, micToQuery };
}
