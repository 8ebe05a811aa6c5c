import { describe, expect, it } from 'vitest';
import { overlaySettingsPatchSchema } from '../../../shared/contract/overlay';
import { applySettingsPatch, DEFAULT_OVERLAY_SETTINGS } from './settings';

describe('overlay settings', () => {
  it('changes one placement field without touching the rest', () => {
    const next = applySettingsPatch(DEFAULT_OVERLAY_SETTINGS, { placement: { goal: { scale: 1.5 } }, theme: 'dark' });
    expect(next.placement.goal).toEqual({ ...DEFAULT_OVERLAY_SETTINGS.placement.goal, scale: 1.5 });
    expect(next.placement.product).toEqual(DEFAULT_OVERLAY_SETTINGS.placement.product);
    expect(next.theme).toBe('dark');
  });

  it('refuses bad values with a path', () => {
    const bad = overlaySettingsPatchSchema.safeParse({ placement: { product: { scale: 9 } } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(['placement', 'product', 'scale']);
    expect(overlaySettingsPatchSchema.safeParse({ goalTarget: { amount: 1.5, currency: 'CNY' } }).success).toBe(false);
    expect(overlaySettingsPatchSchema.safeParse({ unknown: 1 }).success).toBe(false);
  });
});
