import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTKEYS, hotkeysSchema, isValidAccelerator } from './hotkeys';

describe('hotkeys', () => {
  it('accepts Electron accelerators with a modifier and one key', () => {
    for (const ok of ['CommandOrControl+Alt+Right', 'Ctrl+Shift+P', 'Alt+F9', 'Shift+Space'])
      expect(isValidAccelerator(ok), ok).toBe(true);
    for (const bad of ['Right', 'Ctrl+', 'Ctrl+Ctrl+A', 'Hyper+A', 'Ctrl+AB', '', 'Ctrl++'])
      expect(isValidAccelerator(bad), bad).toBe(false);
  });

  it('refuses two actions on one key', () => {
    expect(hotkeysSchema.safeParse(DEFAULT_HOTKEYS).success).toBe(true);
    expect(hotkeysSchema.safeParse({ ...DEFAULT_HOTKEYS, unpin: DEFAULT_HOTKEYS.pinNext }).success).toBe(false);
    expect(hotkeysSchema.safeParse({ ...DEFAULT_HOTKEYS, unpin: null }).success).toBe(true);
  });
});
