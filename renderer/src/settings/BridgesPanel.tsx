import type { BridgeView } from '../../../shared/contract';
import { SsnBridgeForm } from '../components/SsnBridgeForm';
import { RowButton } from '../components/TableParts';
import { run } from '../engine/actions';
import { type MessageKey, useT } from '../i18n';
import { selectIsHost } from '../store/selectors';
import { useStudio } from '../store/studio';
import { useToasts } from '../store/toasts';

/** One empty list: a selector must not answer a new array on every call (React would loop). */
const NO_BRIDGES: BridgeView[] = [];

/**
 * Social Stream Ninja bridges: the host adds a listener for an SSN session (chat from 120+ sites, no
 * public server needed) and sees each one's state. Bridge tokens for one's own scripts are in Seats.
 */
export function BridgesPanel() {
  const t = useT();
  const isHost = useStudio(selectIsHost);
  const bridges = useStudio((s) => s.state?.bridges ?? NO_BRIDGES);
  const show = useToasts((s) => s.show);
  if (!isHost) return null;
  return (
    <section aria-labelledby="bridges-title" className="settings-section" data-testid="bridges-panel">
      <h2 id="bridges-title">{t('bridges.title')}</h2>
      <p className="hint">{t('bridges.explain')}</p>
      <SsnBridgeForm
        labels={{ session: t('bridges.session'), relay: t('bridges.relay'), add: t('bridges.add') }}
        onAdded={() => show(t('bridges.added'))}
        testId="settings-ssn"
        primary
      />
      {bridges.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('seats.name')}</th>
              <th scope="col">{t('seats.status')}</th>
              <th scope="col">{t('bridges.events')}</th>
              <th scope="col">{t('seats.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {bridges.map((b) => (
              <tr key={b.id} data-testid="bridge-row" data-state={b.state}>
                <td>{b.label}</td>
                <td>
                  {t(`sources.state.${b.state === 'stopped' ? 'disconnected' : b.state}` as MessageKey)}
                  {b.reason && b.state !== 'connected' ? ` (${b.reason})` : ''}
                </td>
                <td>
                  {b.events}
                  {b.dropped > 0 ? ` · ${t('bridges.dropped', { n: b.dropped })}` : ''}
                </td>
                <td>
                  <RowButton
                    onClick={() => void run('bridges.remove', { id: b.id })}
                    label={t('bridges.removeLabel', { name: b.label })}
                  >
                    {t('bridges.remove')}
                  </RowButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
