/**
 * Paces a view's DOM work: `request()` asks for a step; steps run in an animation frame (DOM writes
 * batched, one style and layout pass), at most one per `gapMs`. No timer runs while nothing is asked
 * for. A step is told whether the page is calm (no step for `calmMs`): views animate then, and in a
 * flood change without motion, so a busy show costs a few frames a second, not sixty.
 */
export type Step = (calm: boolean) => void;

export function pacer(gapMs: number, step: Step, calmMs = gapMs * 2): () => void {
  let last = Number.NEGATIVE_INFINITY;
  let waiting: ReturnType<typeof setTimeout> | null = null;
  let framed = false;
  const run = () => {
    framed = false;
    const now = performance.now();
    const calm = now - last >= calmMs;
    last = now;
    step(calm);
  };
  const frame = () => {
    waiting = null;
    if (framed) return;
    framed = true;
    requestAnimationFrame(run);
  };
  return () => {
    if (waiting || framed) return;
    const wait = last + gapMs - performance.now();
    if (wait <= 0) frame();
    else waiting = setTimeout(frame, wait);
  };
}
