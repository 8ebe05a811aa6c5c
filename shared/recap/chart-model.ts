/**
 * The per-minute chart as plain series: GMV bars (yuan), viewers, comments per minute, pin bands and
 * gap bands on a minute axis. An incomplete minute (feed gap) is null in every series: drawn as a gap,
 * never interpolated. The console's ECharts view and the report's SVG both draw this model.
 */
import type { MinuteRow, Segment } from '../metrics/types';
import type { RecapProduct } from './types';

export interface Band {
  /** minute offsets from the first row's start (fractional) */
  from: number;
  to: number;
  label: string;
  productId: string;
}

export interface ChartModel {
  /** the clock start of each row */
  starts: number[];
  gmv: (number | null)[];
  viewers: (number | null)[];
  chat: (number | null)[];
  pins: Band[];
  gaps: { from: number; to: number }[];
}

/** "3号 羊毛大衣…"; a product id the catalogue does not have is an unknown product (未知商品), named by its id. */
export function productLabel(
  productId: string,
  catalogue: readonly RecapProduct[],
  maxTitle = 8,
  unknown = '未知商品',
): string {
  const p = catalogue.find((c) => c.productId === productId);
  if (!p) return `${unknown} ${productId}`;
  const title = [...p.title].length > maxTitle ? `${[...p.title].slice(0, maxTitle).join('')}…` : p.title;
  return p.linkNo === null ? title : `${p.linkNo}号 ${title}`;
}

export function chartModel(
  minutes: readonly MinuteRow[],
  segments: readonly Segment[],
  catalogue: readonly RecapProduct[],
): ChartModel {
  const origin = minutes[0]?.start ?? 0;
  const at = (t: number) => (t - origin) / 60_000;
  const gaps: { from: number; to: number }[] = [];
  minutes.forEach((m, i) => {
    if (!m.incomplete) return;
    const last = gaps.at(-1);
    if (last && last.to === i) last.to = i + 1;
    else gaps.push({ from: i, to: i + 1 });
  });
  return {
    starts: minutes.map((m) => m.start),
    gmv: minutes.map((m) => (m.incomplete ? null : m.paidGmv.amount / 100)),
    viewers: minutes.map((m) => (m.incomplete ? null : m.viewers)),
    chat: minutes.map((m) => (m.incomplete ? null : m.chat)),
    pins: segments.map((s) => ({
      from: at(s.start),
      to: at(s.end),
      label: productLabel(s.productId, catalogue),
      productId: s.productId,
    })),
    gaps,
  };
}
