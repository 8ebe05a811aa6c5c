/** Everything the recap shows, from the record alone: figures, segments, products, minutes, channels, completeness. */
import { computeChannels, computeSharers } from './channels';
import { computeFigures, sessionOrders } from './figures';
import { computeMinutes } from './minutes';
import { computeProductFigures, computeSegments } from './segments';
import type { ComputedStats, SessionRecord } from './types';

export function computeStats(record: SessionRecord): ComputedStats {
  const segments = computeSegments(record);
  const minutes = computeMinutes(record);
  const withoutAmount = sessionOrders(record).filter((o) => o.total === null).length;
  return {
    figures: computeFigures(record),
    segments,
    products: computeProductFigures(record, segments),
    minutes,
    channels: computeChannels(record),
    sharers: computeSharers(record),
    incomplete: {
      money: withoutAmount > 0,
      ordersWithoutAmount: withoutAmount,
      incompleteMinutes: minutes.filter((m) => m.incomplete).length,
    },
  };
}
