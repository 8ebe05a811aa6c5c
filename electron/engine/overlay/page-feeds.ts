/**
 * What the hub sends each overlay page, and when. A page that names itself gets only the slices it
 * draws, no more often than it steps (shared/overlay-pace.ts), and no more than it draws: the chat page
 * the newest LINES_PER_STEP live comments (it shows no others), the orders page every tick added since
 * its last patch, each once (its queue keeps every one), however many came in a step. A client naming no page gets every slice whole, at most
 * every ALL_GAP_MS. Changes marked immediate (a pin, settings, pinned comments) go out at once.
 */
import {
  OVERLAY_NAMES,
  type OverlayName,
  type OverlayOrderTick,
  type OverlayState,
} from '../../../shared/contract/overlay';
import { FIGURES_STEP_MS, GOAL_STEP_MS, LINE_STEP_MS, LINES_PER_STEP, ROW_STEP_MS } from '../../../shared/overlay-pace';

export type Slice = keyof OverlayState;

/** The slices each page draws. */
export const PAGE_SLICES: Record<OverlayName, readonly Slice[]> = {
  product: ['product', 'settings'],
  chat: ['chat', 'highlights', 'settings'],
  orders: ['orders', 'settings'],
  goal: ['goal', 'settings'],
};

/** Clients naming no page (the studio's own views): every slice, coalesced this much. */
export const ALL_GAP_MS = 250;
/** The least time between two coalesced patches to a page: its step (a pin is sent at once anyway). */
export const PAGE_GAP_MS: Record<OverlayName, number> = {
  // The pinned product's figures (sold, stock) move with every order; the card redraws them once a step.
  product: FIGURES_STEP_MS,
  chat: LINE_STEP_MS,
  orders: ROW_STEP_MS,
  goal: GOAL_STEP_MS,
};

/** The state a page gets on (re)connect: whole, but only the live comments the chat page could show. */
export function pageSnapshot(state: OverlayState): OverlayState {
  return { ...state, chat: state.chat.slice(-LINES_PER_STEP) };
}

/** Collects changed slices and sends them at most once per `gapMs` (the first change after a quiet spell at once). */
export class Coalescer {
  private keys = new Set<Slice>();
  private timer: NodeJS.Timeout | null = null;
  private last = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly gapMs: number,
    private readonly send: (keys: ReadonlySet<Slice>) => void,
  ) {}

  add(keys: readonly Slice[], immediate: boolean): void {
    if (keys.length === 0) return;
    for (const k of keys) this.keys.add(k);
    if (immediate) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), Math.max(0, this.last + this.gapMs - Date.now()));
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.keys.size === 0) return;
    const keys = this.keys;
    this.keys = new Set();
    this.last = Date.now();
    this.send(keys);
  }
}

/** The hub's feeds: one for clients naming no page, one per page room. */
export class PageFeeds {
  private readonly all: Coalescer;
  private readonly pages: Record<OverlayName, Coalescer>;
  /**
   * Ticks added since the orders page's last patch (the state keeps only the newest few, a rush may add
   * more in a step). A page that joins in between has some of them in its snapshot already and ignores
   * them (the ticker keys them by id).
   */
  private unsentOrders: OverlayOrderTick[] = [];

  constructor(
    private readonly state: () => OverlayState,
    emit: (room: OverlayName | null, patch: Partial<OverlayState>) => void,
  ) {
    const pick = (keys: ReadonlySet<Slice>) => Object.fromEntries([...keys].map((k) => [k, this.state()[k]]));
    this.all = new Coalescer(ALL_GAP_MS, (keys) => emit(null, pick(keys)));
    const page = (name: OverlayName) =>
      new Coalescer(PAGE_GAP_MS[name], (keys) => emit(name, this.pagePatch(keys, pick(keys))));
    this.pages = Object.fromEntries(OVERLAY_NAMES.map((n) => [n, page(n)])) as Record<OverlayName, Coalescer>;
  }

  private pagePatch(keys: ReadonlySet<Slice>, patch: Partial<OverlayState>): Partial<OverlayState> {
    const state = this.state();
    if (keys.has('chat')) patch.chat = state.chat.slice(-LINES_PER_STEP);
    if (keys.has('orders')) {
      patch.orders = this.unsentOrders;
      this.unsentOrders = [];
    }
    return patch;
  }

  /** Ticks just added to the state, before its `changed(['orders'])`: each goes to the orders page once. */
  ordersAdded(ticks: readonly OverlayOrderTick[]): void {
    this.unsentOrders.push(...ticks);
  }

  changed(keys: readonly Slice[], immediate: boolean): void {
    this.all.add(keys, immediate);
    for (const name of OVERLAY_NAMES)
      this.pages[name].add(
        keys.filter((k) => PAGE_SLICES[name].includes(k)),
        immediate,
      );
  }

  flush(): void {
    this.all.flush();
    for (const name of OVERLAY_NAMES) this.pages[name].flush();
  }
}
