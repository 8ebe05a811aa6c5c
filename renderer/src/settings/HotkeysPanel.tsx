import { useEffect, useState } from 'react';
import { HOTKEY_ACTIONS, type Hotkeys, hotkeysSchema } from '../../../shared/contract/hotkeys';
import { run } from '../engine/actions';
import { type MessageKey, useT } from '../i18n';
import { acceleratorFromKey } from '../live/accelerator';
import { selectIsHost } from '../store/selectors';
import { useStudio } from '../store/studio';
import { useToasts } from '../store/toasts';

/**
 * Global hotkeys of the desktop build (they work while OBS has focus). Press the combination in a field
 * to record it; Backspace clears it. Host only.
 */
const NONE_TAKEN: string[] = [];

export function HotkeysPanel() {
  const t = useT();
  const isHost = useStudio(selectIsHost);
  const saved = useStudio((s) => s.state?.hotkeys ?? null);
  const taken = useStudio((s) => s.state?.hotkeysTaken ?? NONE_TAKEN);
  const show = useToasts((s) => s.show);
  const [draft, setDraft] = useState<Hotkeys | null>(saved);
  useEffect(() => setDraft(saved), [saved]);
  if (!isHost || !draft) return null;
  const valid = hotkeysSchema.safeParse(draft);
  return (
    <section aria-labelledby="hotkeys-title" className="settings-section" data-testid="hotkeys-panel">
      <h2 id="hotkeys-title">{t('hotkeys.title')}</h2>
      <p className="muted">{t('hotkeys.explain')}</p>
      {HOTKEY_ACTIONS.map((action) => (
        <div className="field-row" key={action}>
          <label htmlFor={`hotkey-${action}`} className="field-row__label">
            {t(`hotkeys.${action}` as MessageKey)}
          </label>
          <input
            id={`hotkey-${action}`}
            readOnly
            value={draft[action] ?? ''}
            placeholder={t('hotkeys.press')}
            onKeyDown={(e) => {
              if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) return; // keep Tab for moving focus
              e.preventDefault();
              if ((e.key === 'Backspace' || e.key === 'Delete') && !e.ctrlKey && !e.altKey && !e.metaKey) {
                setDraft({ ...draft, [action]: null });
                return;
              }
              const accelerator = acceleratorFromKey(e);
              if (accelerator) setDraft({ ...draft, [action]: accelerator });
            }}
            aria-describedby={
              saved?.[action] && taken.includes(saved[action] as string) ? `hotkey-${action}-taken` : undefined
            }
          />
          {saved?.[action] && taken.includes(saved[action] as string) && (
            <span id={`hotkey-${action}-taken`} className="field-error" role="alert" data-testid="hotkey-taken">
              {t('hotkeys.taken', { accelerator: saved[action] as string })}
            </span>
          )}
        </div>
      ))}
      {!valid.success && (
        <p className="field-error" role="alert">
          {t('hotkeys.invalid')}
        </p>
      )}
      <button
        type="button"
        disabled={!valid.success}
        onClick={() => void run('hotkeys.set', draft).then((r) => r && show(t('common.saved')))}
      >
        {t('common.save')}
      </button>
    </section>
  );
}
