/** What each overlay page implements: draw the state, told which slices changed. */
import type { OverlayState } from '../../shared/contract/overlay';

export type Slice = keyof OverlayState;

export interface OverlayView {
  /** The widget's root inside the 1920x1080 stage (placed by its settings). */
  root: HTMLElement;
  render(state: OverlayState, changed: ReadonlySet<Slice>, first: boolean): void;
}
