/**
 * Global hotkeys of the desktop build (they work while OBS or the platform's app has focus). The engine
 * stores them in the data folder; the Electron shell watches that file and registers them.
 */
import { z } from 'zod';
import { command, HOST_ONLY } from './define';

export const HOTKEY_ACTIONS = ['pinNext', 'pinPrevious', 'unpin'] as const;
export type HotkeyAction = (typeof HOTKEY_ACTIONS)[number];
export type Hotkeys = Record<HotkeyAction, string | null>;

export const DEFAULT_HOTKEYS: Hotkeys = {
  pinNext: 'CommandOrControl+Alt+Right',
  pinPrevious: 'CommandOrControl+Alt+Left',
  unpin: 'CommandOrControl+Alt+Down',
};

const MODIFIERS = [
  'Command',
  'Cmd',
  'Control',
  'Ctrl',
  'CommandOrControl',
  'CmdOrCtrl',
  'Alt',
  'Option',
  'AltGr',
  'Shift',
  'Super',
  'Meta',
];
const KEYS =
  /^([A-Z0-9]|F([1-9]|1[0-9]|2[0-4])|Plus|Space|Tab|Backspace|Delete|Insert|Return|Enter|Up|Down|Left|Right|Home|End|PageUp|PageDown|Escape|Esc|num[0-9]|[)!@#$%^&*(:;"'<=>,_.?/~`{}|\\[\]-])$/;

/** True for an Electron accelerator with at least one modifier and exactly one key ("Ctrl+Alt+Right"). */
export function isValidAccelerator(text: string): boolean {
  const parts = text.split('+');
  if (parts.length < 2 || parts.some((p) => p === '')) return false;
  const key = parts.at(-1)!;
  const mods = parts.slice(0, -1);
  return mods.every((m) => MODIFIERS.includes(m)) && new Set(mods).size === mods.length && KEYS.test(key);
}

const accelerator = z
  .string()
  .max(60)
  .refine(isValidAccelerator, 'must be modifiers and one key, e.g. CommandOrControl+Alt+Right')
  .nullable();

export const hotkeysSchema = z
  .object({ pinNext: accelerator, pinPrevious: accelerator, unpin: accelerator })
  .strict()
  .refine((h) => {
    const used = Object.values(h).filter(Boolean);
    return new Set(used).size === used.length;
  }, 'two actions cannot share one hotkey');

export const hotkeyCommands = {
  'hotkeys.set': command<Hotkeys>()(hotkeysSchema, HOST_ONLY),
};

export interface HotkeysStateSlice {
  hotkeys: Hotkeys;
  /** Accelerators the desktop shell could not register: another program holds them. */
  hotkeysTaken: string[];
}
