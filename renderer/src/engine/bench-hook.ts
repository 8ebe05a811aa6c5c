/**
 * For bench/console.bench.ts only, and only when the page is opened with `?bench`: lets the benchmark
 * push feed batches into the very path the engine's `feed` event takes (FeedBuffer -> store -> list),
 * and read how many arrived. Nothing is exposed on a normal page.
 */
import type { FeedBatch } from '../../../shared/contract';
import { feedBuffer, useFeed } from '../store/feed';

declare global {
  interface Window {
    maishouBench?: { push(batch: FeedBatch): void; stats(): { received: number; rows: number } };
  }
}

export function installBenchHook(win: Window = window): void {
  if (!new URLSearchParams(win.location.search).has('bench')) return;
  win.maishouBench = {
    push: (batch) => feedBuffer.push(batch),
    stats: () => ({
      received: useFeed.getState().received,
      rows: win.document.querySelectorAll('.chat__item').length,
    }),
  };
}
