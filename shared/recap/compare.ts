/**
 * Headline figures against the previous session and the average of the last 7 (up/down, %). Money is
 * compared in minor units; ratios as they are. A figure missing on either side has no change.
 */
import type { Figures } from '../metrics/types';
import type { Baseline, FigureComparison, HeadlineKey } from './types';

export const HEADLINE_KEYS: readonly HeadlineKey[] = [
  'paidGmv',
  'settledGmv',
  'orders',
  'units',
  'buyers',
  'aov',
  'peakViewers',
  'averageViewers',
  'cumulativeViewers',
  'gpm',
  'conversion',
  'refundRate',
  'chatRate',
];

/** A headline figure as one number (money in minor units), null when the figure is missing. */
export function figureNumber(figures: Figures, key: HeadlineKey): number | null {
  const v = figures[key];
  if (v === null || v === undefined) return null;
  return typeof v === 'number' ? v : v.amount;
}

/** The mean of each headline figure over the sessions that have it. */
export function baselineOf(sessions: readonly { id: string; title: string; figures: Figures }[]): Baseline {
  const figures: Baseline['figures'] = {};
  for (const key of HEADLINE_KEYS) {
    const values = sessions.map((s) => figureNumber(s.figures, key)).filter((v): v is number => v !== null);
    figures[key] = values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
  }
  return {
    sessions: sessions.length,
    ids: sessions.map((s) => s.id),
    title: sessions.length === 1 ? sessions[0].title : null,
    figures,
  };
}

export function compareFigure(value: number | null, base: number | null | undefined): FigureComparison {
  const b = base ?? null;
  return { value, base: b, change: value === null || b === null || b === 0 ? null : (value - b) / Math.abs(b) };
}
