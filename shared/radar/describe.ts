import { INTENT_LABELS } from '../chat/intent';
import type { RadarGroup } from './question-radar';

/**
 * The radar line for a group: "12 人问 3号 尺码" / "12 asked about #3 size". `productLabel` turns a
 * productId into what the host calls it (its link number "3号", or a short title); without one the
 * product id is shown. The UI may build its own line from the group's fields instead.
 */
export function describeGroup(
  group: Pick<RadarGroup, 'askers' | 'productId' | 'intent'>,
  lang: 'zh' | 'en' = 'zh',
  productLabel: (productId: string) => string = (id) => id,
): string {
  const what = INTENT_LABELS[group.intent][lang];
  const product = group.productId === null ? null : productLabel(group.productId);
  if (lang === 'en') {
    return `${group.askers} asked about ${product === null ? '' : `${product} `}${what}`;
  }
  return `${group.askers} 人问 ${product === null ? '' : `${product} `}${what}`;
}
