/**
 * The console's store: connection state, the engine's state (snapshot, then patches) and UI
 * preferences. Network floods never go through React directly; the engine already batches them.
 */
import { create } from 'zustand';
import type { SeatInfo, StudioState } from '../../../shared/contract';
import type { ConnectionState } from '../engine/client';
import type { ConsoleState } from '../engine/contract';
import { initialLanguage, type Language } from '../i18n/language';

export interface StudioStore {
  connection: ConnectionState;
  /** The engine's state; slices not served yet are absent. */
  state: ConsoleState | null;
  seat: SeatInfo | null;
  language: Language;
  setConnection(connection: ConnectionState): void;
  applySnapshot(state: StudioState, seat: SeatInfo): void;
  applyPatch(patch: Partial<StudioState>): void;
  setLanguage(language: Language): void;
}

export const useStudio = create<StudioStore>((set) => ({
  connection: { status: 'connecting' },
  state: null,
  seat: null,
  language: initialLanguage(),
  setConnection: (connection) => set({ connection }),
  applySnapshot: (state, seat) => set({ state, seat }),
  applyPatch: (patch) => set((s) => (s.state ? { state: { ...s.state, ...patch } } : {})),
  setLanguage: (language) => {
    globalThis.localStorage?.setItem('maishou.language', language);
    document.documentElement.lang = language;
    set({ language });
  },
}));
