import { useState } from 'react';
import { startSession, stopSession } from '../engine/http-actions';
import { useNow } from '../hooks/useNow';
import { useT } from '../i18n';
import { clock } from '../live/format';
import { selectGateway, selectIsHost, selectSession } from '../store/selectors';
import { useStudio } from '../store/studio';
import { ConfirmDialog } from './ConfirmDialog';

/** 场次: the host starts a session or ends it (after a confirmation); every seat sees how long it has run. */
export function SessionControl() {
  const t = useT();
  const session = useStudio(selectSession);
  const isHost = useStudio(selectIsHost);
  const running = session !== null && session.endedAt === null;
  const now = useNow(running);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  // The demo room's sessions are rehearsals anyway; elsewhere the host may mark one (彩排).
  const demo = useStudio((s) => selectGateway(s)?.source === 'demo');
  const [rehearsal, setRehearsal] = useState(false);
  const act = async (fn: () => Promise<boolean>) => {
    setBusy(true);
    await fn();
    setBusy(false);
  };
  return (
    <div className="session-control" data-testid="session-control" data-running={running ? 'true' : 'false'}>
      <span className={running ? 'badge badge--ok' : 'badge'}>
        {running ? t('session.running', { time: clock(now - session.startedAt) }) : t('session.none')}
      </span>
      {running && session.rehearsal && <span className="badge badge--warn">{t('session.rehearsal')}</span>}
      {running
        ? isHost && (
            <button type="button" disabled={busy} onClick={() => setConfirming(true)}>
              {t('session.stop')}
            </button>
          )
        : isHost && (
            <>
              <label className="session-rehearsal" title={demo ? t('session.rehearsalDemo') : undefined}>
                <input
                  type="checkbox"
                  checked={demo || rehearsal}
                  disabled={demo || busy}
                  onChange={(e) => setRehearsal(e.target.checked)}
                  data-testid="session-rehearsal"
                />
                {t('session.rehearsal')}
              </label>
              <button
                type="button"
                className="session-start"
                disabled={busy}
                onClick={() => void act(() => startSession(undefined, rehearsal))}
              >
                {t('session.start')}
              </button>
            </>
          )}
      <ConfirmDialog
        open={confirming}
        title={t('session.stopTitle')}
        body={t('session.stopBody')}
        confirmLabel={t('session.stop')}
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void act(stopSession);
        }}
      />
    </div>
  );
}
