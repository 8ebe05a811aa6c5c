/**
 * The overlays' motion at the rate OBS shows it. An OBS browser source renders at its source's frame
 * rate (30 by default), yet Chromium animates transform and opacity 60 times a second, and every changed
 * frame is composited by the browser. Each motion here keeps its curve but holds every value for one
 * frame at MOTION_FPS (a CSS `linear()` easing with flat steps): the compositor still ticks, but a tick
 * that changes nothing draws nothing, so a moving card costs half the frames and looks the same in OBS.
 * Pure apart from `applyMotion`, which sets the easings as CSS variables (overlay.css uses them, with
 * the smooth curve as fallback).
 */

export const MOTION_FPS = 30;

export type Curve = (t: number) => number;

/** CSS cubic-bezier(x1, y1, x2, y2) as progress -> value (x solved by bisection, exact enough for pixels). */
export function cubicBezier(x1: number, y1: number, x2: number, y2: number): Curve {
  const at = (a: number, b: number, s: number) => 3 * a * s * (1 - s) ** 2 + 3 * b * s ** 2 * (1 - s) + s ** 3;
  return (t) => {
    if (t <= 0) return 0;
    if (t >= 1) return 1;
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 30; i++) {
      const mid = (lo + hi) / 2;
      if (at(x1, x2, mid) < t) lo = mid;
      else hi = mid;
    }
    return at(y1, y2, (lo + hi) / 2);
  };
}

export const SNAP = cubicBezier(0.2, 0.8, 0.2, 1);
export const EASE_IN = cubicBezier(0.42, 0, 1, 1);
export const EASE_OUT = cubicBezier(0, 0, 0.58, 1);

const num = (n: number) => String(Math.round(n * 10_000) / 10_000);

/**
 * `curve` over `durationMs` as a CSS `linear()` easing that changes value at most `fps` times a second:
 * each frame's value (the curve at the frame's start) held until the next frame, the end value at 100%.
 */
export function frameSteps(curve: Curve, durationMs: number, fps = MOTION_FPS): string {
  const frames = Math.max(1, Math.round((durationMs * fps) / 1000));
  const stops: string[] = [];
  for (let k = 0; k < frames; k++) {
    const value = num(curve(k / frames));
    stops.push(`${value} ${num((k / frames) * 100)}%`, `${value} ${num(((k + 1) / frames) * 100)}%`);
  }
  stops.push('1 100%');
  return `linear(${stops.join(', ')})`;
}

/**
 * Every motion of overlay.css: its CSS variable, curve and duration (the same as the CSS fallback's).
 * Short, as interface motion is (Material's enter 225 ms, exit 195 ms): every frame of a motion is one
 * more frame OBS's browser composites, so a pin's card comes in 7 frames at 30 fps, not 11.
 */
export const MOTIONS: Record<string, [Curve, number]> = {
  '--motion-card-in': [SNAP, 240],
  '--motion-card-out': [EASE_IN, 200],
  '--motion-slide-in': [SNAP, 240],
  '--motion-line-in': [EASE_OUT, 220],
  '--motion-fade-out': [EASE_IN, 200],
  '--motion-tick-out': [EASE_IN, 300],
  '--motion-fill': [SNAP, 300],
};

/** `<duration> <easing>` per variable, to put on the page's root. */
export function motionVariables(fps = MOTION_FPS): Record<string, string> {
  return Object.fromEntries(
    Object.entries(MOTIONS).map(([name, [curve, ms]]) => [name, `${ms}ms ${frameSteps(curve, ms, fps)}`]),
  );
}

export function applyMotion(root: HTMLElement, fps = MOTION_FPS): void {
  for (const [name, value] of Object.entries(motionVariables(fps))) root.style.setProperty(name, value);
}
