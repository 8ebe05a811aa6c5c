/** The state seats see before any module has reported: honest defaults, nothing invented. */
import {
  DEFAULT_HOTKEYS,
  DEFAULT_STUDIO_SETTINGS,
  EMPTY_RADAR,
  EMPTY_STORAGE,
  liveRoomName,
  type StudioState,
} from '../../shared/contract';
import { emptyObsState } from './obs/state';
import type { EngineOptions } from './options';
import { DEFAULT_OVERLAY_SETTINGS } from './overlay';

export const ENGINE_VERSION = '0.1.0';

export function initialState(options: Pick<EngineOptions, 'port' | 'gateway'>): StudioState {
  const now = Date.now();
  return {
    engine: { version: ENGINE_VERSION, startedAt: now, url: '', stopping: false },
    pin: { pinned: null, version: 0, countdownEndsAt: null, stockLimit: null },
    highlights: { items: [] },
    sharing: { enabled: false, addresses: [], available: [], port: options.port },
    connectedSeats: [],
    hotkeys: DEFAULT_HOTKEYS,
    hotkeysTaken: [],
    overlay: { settings: DEFAULT_OVERLAY_SETTINGS },
    obs: emptyObsState({ host: '127.0.0.1', port: 4455 }),
    radar: EMPTY_RADAR,
    settings: DEFAULT_STUDIO_SETTINGS,
    interrupted: null,
    ledgerNotice: null,
    storage: EMPTY_STORAGE,
    ledgerProblem: null,
    products: [],
    productLive: {},
    session: null,
    figures: {
      sessionId: null,
      figures: null,
      gmvPerMinute: [],
      viewersNow: null,
      incomplete: false,
      currentPin: null,
      channels: [],
    },
    sources: [],
    bridges: [],
    gateway: {
      status: 'connecting',
      ...liveRoomName(options.gateway),
      lastSeq: 0,
      behind: 0,
      since: now,
    },
  };
}
