/**
 * Global hotkeys: registered with the OS so the host can pin next/previous/unpin while OBS or the
 * platform's app has focus. They call the engine's control API like a Stream Deck would, and follow
 * `hotkeys.json` in the data folder (the console's Settings writes it through the engine).
 */
import { existsSync, readFileSync, watch } from 'node:fs';
import { join } from 'node:path';
import { globalShortcut } from 'electron';
import { DEFAULT_HOTKEYS, type HotkeyAction, type Hotkeys, hotkeysSchema } from '../../shared/contract/hotkeys';

const ROUTES: Record<HotkeyAction, string> = { pinNext: '/pin/next', pinPrevious: '/pin/previous', unpin: '/unpin' };

function readHotkeys(file: string): Hotkeys {
  if (!existsSync(file)) return DEFAULT_HOTKEYS;
  try {
    const parsed = hotkeysSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_HOTKEYS;
  } catch {
    return DEFAULT_HOTKEYS;
  }
}

export function startGlobalHotkeys(
  userData: string,
  engine: () => { url: string; controlToken: string } | null,
  /** Called after each registration with the accelerators another program holds (shown in Settings). */
  onTaken: (taken: string[]) => void = () => undefined,
): () => void {
  const file = join(userData, 'hotkeys.json');
  const register = () => {
    globalShortcut.unregisterAll();
    const taken: string[] = [];
    const hotkeys = readHotkeys(file);
    for (const action of Object.keys(ROUTES) as HotkeyAction[]) {
      const accelerator = hotkeys[action];
      if (!accelerator) continue;
      const ok = globalShortcut.register(accelerator, () => {
        const target = engine();
        if (!target) return;
        void fetch(`${target.url}/api/v1${ROUTES[action]}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${target.controlToken}`, 'content-type': 'application/json' },
          body: '{}',
        }).catch(() => undefined);
      });
      if (!ok) {
        console.warn(`hotkey ${accelerator} is taken by another program`);
        taken.push(accelerator);
      }
    }
    onTaken(taken);
  };
  register();
  let timer: NodeJS.Timeout | null = null;
  const watcher = watch(userData, (_event, name) => {
    if (name !== 'hotkeys.json') return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(register, 200);
  });
  return () => {
    watcher.close();
    globalShortcut.unregisterAll();
  };
}
