/**
 * How often each overlay page takes a step (redraws what moved), shared by the pages, which pace their
 * DOM work by it, and the engine's hub, which sends each page no more often than it steps and no more
 * than it draws. A busy show (1,000 comments and 10 orders a second) then costs each page a few small
 * messages and frames a second.
 */

/** Chat: live lines move at most once per step, adding the newest LINES_PER_STEP since the last. */
export const LINE_STEP_MS = 1500;
export const LINES_PER_STEP = 3;
/** Orders ticker: one row per step; orders that came meanwhile share it. */
export const ROW_STEP_MS = 1500;
/** Product card: the pinned product's figures (sold, stock) change at most once per step. */
export const FIGURES_STEP_MS = 1000;
/** Goal: GMV and the bar change at most once per step. */
export const GOAL_STEP_MS = 2000;
