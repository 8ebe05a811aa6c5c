/** Turns a key press into an Electron accelerator ("CommandOrControl+Alt+Right") for the hotkey fields. Pure. */
export interface KeyPress {
  key: string;
  code?: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

const NAMED: Record<string, string> = {
  ArrowRight: 'Right',
  ArrowLeft: 'Left',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ' ': 'Space',
  Enter: 'Enter',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Escape: 'Escape',
  '+': 'Plus',
};

/** null while only modifiers are held or the key has no accelerator name. */
export function acceleratorFromKey(e: KeyPress): string | null {
  if (['Control', 'Alt', 'Shift', 'Meta', 'AltGraph'].includes(e.key)) return null;
  let key = NAMED[e.key] ?? null;
  if (!key && /^F([1-9]|1[0-9]|2[0-4])$/.test(e.key)) key = e.key;
  // With Alt or Shift held, e.key is the produced character (å, !): the physical key names it better.
  if (!key && e.code && /^Key[A-Z]$/.test(e.code)) key = e.code.slice(3);
  if (!key && e.code && /^Digit[0-9]$/.test(e.code)) key = e.code.slice(5);
  if (!key && e.key.length === 1) key = e.key.toUpperCase();
  if (!key) return null;
  const mods = [
    e.ctrlKey || e.metaKey ? 'CommandOrControl' : null,
    e.altKey ? 'Alt' : null,
    e.shiftKey ? 'Shift' : null,
  ];
  return [...mods.filter(Boolean), key].join('+');
}
