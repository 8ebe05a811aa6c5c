/**
 * The OBS events the `obs` state slice follows (scenes, outputs, virtual camera, the mic input) and the
 * pure steps that fold each into the state.
 */
import type { OBSEventTypes } from 'obs-websocket-js';
import type { ObsState } from '../../../shared/contract/obs';
import type { ObsConnection } from './connection';
import { idleRecording, idleStream } from './state';

type OutputState = OBSEventTypes['StreamStateChanged']['outputState'];

export interface ObsEventSink {
  /** Changes the state (the controller then emits it). */
  patch(mutate: (state: ObsState) => void): void;
  /** Re-reads the scene list and studio mode (after any scene change but the program/preview switch). */
  refreshScenes(): void;
  /** The stream started: its counters begin at zero. */
  streamStarted(): void;
  now(): number;
}

/** A StreamStateChanged event folded into the state. */
export function streamStep(st: ObsState, outputState: OutputState, now: number): void {
  switch (outputState) {
    case 'OBS_WEBSOCKET_OUTPUT_STARTED':
      st.streaming = { ...idleStream(), active: true, startedAt: now };
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
}

/** A RecordStateChanged event folded into the state. */
export function recordStep(st: ObsState, outputState: OutputState, now: number): void {
  switch (outputState) {
    case 'OBS_WEBSOCKET_OUTPUT_STARTED':
      st.recording = { ...idleRecording(), active: true, startedAt: now };
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
}

/** Subscribes the sink to every event the state follows, on every socket the connection opens. */
export function followObsEvents(c: ObsConnection, sink: ObsEventSink): void {
  const { patch } = sink;
  c.onObsEvent('CurrentProgramSceneChanged', ({ sceneName }) =>
    patch((st) => {
      st.programScene = sceneName;
    }),
  );
  c.onObsEvent('CurrentPreviewSceneChanged', ({ sceneName }) =>
    patch((st) => {
      if (st.studioMode) st.previewScene = sceneName;
    }),
  );
  const refresh = () => sink.refreshScenes();
  for (const name of [
    'SceneListChanged',
    'SceneCreated',
    'SceneRemoved',
    'SceneNameChanged',
    'StudioModeStateChanged',
  ] as const) {
    c.onObsEvent(name, refresh);
  }
  c.onObsEvent('StreamStateChanged', ({ outputState }) => {
    if (outputState === 'OBS_WEBSOCKET_OUTPUT_STARTED') sink.streamStarted();
    patch((st) => streamStep(st, outputState, sink.now()));
  });
  c.onObsEvent('RecordStateChanged', ({ outputState }) => patch((st) => recordStep(st, outputState, sink.now())));
  c.onObsEvent('VirtualcamStateChanged', ({ outputActive }) =>
    patch((st) => {
      st.virtualCam = { active: outputActive };
    }),
  );
  c.onObsEvent('InputMuteStateChanged', ({ inputName, inputMuted }) =>
    patch((st) => {
      if (st.mic?.input === inputName) st.mic.muted = inputMuted;
    }),
  );
  c.onObsEvent('InputNameChanged', ({ oldInputName, inputName }) =>
    patch((st) => {
      if (st.mic?.input === oldInputName) st.mic.input = inputName;
    }),
  );
  c.onObsEvent('InputRemoved', ({ inputName }) =>
    patch((st) => {
      if (st.mic?.input === inputName) st.mic = null;
    }),
  );
}
