/**
 * Whether the go-live setup is showing. It opens by itself for the host until the setup was finished
 * once (studio settings `setupCompletedAt`); Settings re-opens it.
 */
import { create } from 'zustand';

export interface SetupStore {
  /** null: not decided yet (opens by itself on a first run); true/false: the user's choice. */
  open: boolean | null;
  /** Overlays put in OBS during this run of the setup (its check mark). */
  overlaysPlaced: boolean;
  show(): void;
  hide(): void;
  setOverlaysPlaced(placed: boolean): void;
}

export const useSetup = create<SetupStore>((set) => ({
  open: null,
  overlaysPlaced: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
  setOverlaysPlaced: (overlaysPlaced) => set({ overlaysPlaced }),
}));
