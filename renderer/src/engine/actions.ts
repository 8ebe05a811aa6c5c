/**
 * Commands the console sends, with their failures surfaced in one place (a toast in words). Pins carry
 * the version they were made against: a pin refused as stale tells the user and the state converges
 * on the engine's (its patch follows at once).
 */
import type { Pinned } from '../../../shared/contract';
import { type MessageKey, translate } from '../i18n';
import { useStudio } from '../store/studio';
import { useToasts } from '../store/toasts';
import { CommandError } from './client';
import { engine } from './connection';
import type { ConsoleCommandArgs, ConsoleCommandName, ConsoleCommandResult } from './contract';

const t = (key: MessageKey, vars?: Record<string, string | number>) =>
  translate(useStudio.getState().language, key, vars);

const KNOWN_ERRORS: Record<string, MessageKey> = {
  stale_pin: 'error.stale_pin',
  forbidden: 'error.forbidden',
  not_connected: 'error.not_connected',
  timeout: 'error.timeout',
  unknown_command: 'error.unknown_command',
  unknown_product: 'error.unknown_product',
  confirmation_required: 'error.confirmation_required',
};

/** The user-facing sentence for a failed command. */
export function errorText(error: unknown): string {
  if (error instanceof CommandError) {
    const key = KNOWN_ERRORS[error.code];
    return key ? t(key, { message: error.message }) : t('error.generic', { message: error.message });
  }
  return t('error.generic', { message: error instanceof Error ? error.message : String(error) });
}

/** Runs a command; on failure shows why and resolves to null. */
export async function run<N extends ConsoleCommandName>(
  name: N,
  args: ConsoleCommandArgs<N>,
): Promise<ConsoleCommandResult<N> | null> {
  try {
    return await engine().call(name, args);
  } catch (error) {
    const stale = error instanceof CommandError && error.code === 'stale_pin';
    if (stale) convergeOnStalePin(error);
    useToasts.getState().show(errorText(error), stale ? 'warn' : 'error');
    return null;
  }
}

const pinVersion = () => useStudio.getState().state?.pin?.version;

export const pinActions = {
  set: (productId: string, options: { countdownSeconds?: number; stockLimit?: number } = {}) =>
    run('pin.set', { productId, version: pinVersion(), ...options }),
  next: () => run('pin.next', { version: pinVersion() }),
  previous: () => run('pin.previous', { version: pinVersion() }),
  clear: () => run('pin.clear', { version: pinVersion() }),
};

/**
 * A stale pin's refusal carries the engine's current pin. Its patch normally arrived first (one ordered
 * socket); if it has not, take the pin from the refusal so this seat shows the latest at once.
 */
function convergeOnStalePin(error: CommandError): void {
  const pinned = error.extra.pinned as Pinned | null | undefined;
  const store = useStudio.getState();
  const current = store.state?.pin;
  if (pinned === undefined || !current) return;
  if (pinned && pinned.version <= current.version) return;
  if (!pinned && current.pinned === null) return;
  store.applyPatch({
    pin: {
      ...current,
      pinned,
      version: pinned ? pinned.version : current.version,
      countdownEndsAt: null,
      stockLimit: null,
    },
  });
}
