import { describe, expect, it } from 'vitest';
import { isValidAccelerator } from '../../../shared/contract/hotkeys';
import { acceleratorFromKey } from './accelerator';

const press = (
  key: string,
  mods: Partial<{ alt: boolean; ctrl: boolean; meta: boolean; shift: boolean }> = {},
  code?: string,
) =>
  acceleratorFromKey({
    key,
    code,
    altKey: !!mods.alt,
    ctrlKey: !!mods.ctrl,
    metaKey: !!mods.meta,
    shiftKey: !!mods.shift,
  });

describe('acceleratorFromKey', () => {
  it('names key presses the way Electron accelerators do, and they validate', () => {
    expect(press('ArrowRight', { ctrl: true, alt: true })).toBe('CommandOrControl+Alt+Right');
    expect(press('å', { alt: true }, 'KeyA')).toBe('Alt+A');
    expect(press('!', { shift: true, ctrl: true }, 'Digit1')).toBe('CommandOrControl+Shift+1');
    expect(press('F9', { alt: true })).toBe('Alt+F9');
    for (const a of ['CommandOrControl+Alt+Right', 'Alt+A', 'Alt+F9']) expect(isValidAccelerator(a)).toBe(true);
  });

  it('waits while only modifiers are held', () => {
    expect(press('Control', { ctrl: true })).toBeNull();
    expect(press('Dead', { alt: true })).toBeNull();
  });
});
