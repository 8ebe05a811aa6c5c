import { describe, expect, it } from 'vitest';
import { cubicBezier, EASE_IN, frameSteps, MOTIONS, motionVariables, SNAP } from './motion';

/** The stops of a `linear()` easing as [value, percent] pairs. */
function stops(easing: string): [number, number][] {
  const inner = /^linear\((.*)\)$/.exec(easing)?.[1];
  if (!inner) throw new Error(`not a linear() easing: ${easing}`);
  return inner.split(', ').map((stop) => {
    const [value, percent] = stop.split(' ');
    return [Number(value), Number.parseFloat(percent)];
  });
}

describe('cubic-bezier curves', () => {
  it('match the CSS keywords at known points', () => {
    const linear = cubicBezier(0, 0, 1, 1);
    for (const t of [0, 0.25, 0.5, 0.9, 1]) expect(linear(t)).toBeCloseTo(t, 5);
    // ease-in starts slow, the snap curve (0.2, 0.8, 0.2, 1) is most of the way there by half time.
    expect(EASE_IN(0.5)).toBeCloseTo(0.3153, 3);
    expect(SNAP(0.5)).toBeGreaterThan(0.9);
    expect(SNAP(0)).toBe(0);
    expect(SNAP(1)).toBe(1);
  });
});

describe('motion held one frame at a time', () => {
  it('changes value once per frame at the given rate, following the curve, ending at 1', () => {
    const s = stops(frameSteps(SNAP, 360, 30));
    // 360 ms at 30 fps: 11 frames (rounded), each a flat pair of stops, then the end.
    expect(s).toHaveLength(11 * 2 + 1);
    for (let k = 0; k < 11; k++) {
      const [[v0, p0], [v1, p1]] = [s[2 * k], s[2 * k + 1]];
      expect(v0).toBe(v1); // flat within the frame
      expect(p0).toBeCloseTo((k / 11) * 100, 3);
      expect(p1).toBeCloseTo(((k + 1) / 11) * 100, 3);
      expect(v0).toBeCloseTo(SNAP(k / 11), 3);
    }
    expect(s.at(-1)).toEqual([1, 100]);
    const values = s.map(([v]) => v);
    expect([...values].sort((a, b) => a - b)).toEqual(values); // never goes back
  });

  it('gives a motion shorter than a frame one step, and more steps at a higher rate', () => {
    expect(stops(frameSteps(EASE_IN, 10, 30))).toEqual([
      [0, 0],
      [0, 100],
      [1, 100],
    ]);
    expect(stops(frameSteps(EASE_IN, 400, 60))).toHaveLength(24 * 2 + 1);
  });

  it('gives every motion of the stylesheet its duration and a stepped easing', () => {
    const vars = motionVariables();
    expect(Object.keys(vars).sort()).toEqual(Object.keys(MOTIONS).sort());
    for (const [name, [, ms]] of Object.entries(MOTIONS)) expect(vars[name]).toMatch(new RegExp(`^${ms}ms linear\\(`));
  });
});
