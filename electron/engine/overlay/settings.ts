/**
 * Overlay settings: the defaults (a 1920x1080 layout that leaves the host's face free) and how a
 * partial change is applied. Pure; the file lives in settings-file.ts.
 */
import {
  OVERLAY_NAMES,
  type OverlaySettings,
  type OverlaySettingsPatch,
  overlaySettingsSchema,
} from '../../../shared/contract/overlay';

export const DEFAULT_OVERLAY_SETTINGS: OverlaySettings = {
  theme: 'light',
  brandColor: '#ff2442',
  language: 'zh-CN',
  placement: {
    product: { x: 64, y: 640, scale: 1, visible: true },
    chat: { x: 1360, y: 560, scale: 1, visible: true },
    orders: { x: 64, y: 64, scale: 1, visible: true },
    goal: { x: 1360, y: 64, scale: 1, visible: true },
  },
  goalTarget: null,
  goalTitle: '今日目标',
  chatMode: 'highlights',
};

/** Applies a validated patch; the result is validated again so a bad merge can never be stored. */
export function applySettingsPatch(current: OverlaySettings, patch: OverlaySettingsPatch): OverlaySettings {
  const placement = { ...current.placement };
  for (const name of OVERLAY_NAMES) {
    const change = patch.placement?.[name];
    if (change) placement[name] = { ...placement[name], ...change };
  }
  const next: OverlaySettings = { ...current, ...patch, placement };
  return overlaySettingsSchema.parse(next) as OverlaySettings;
}
