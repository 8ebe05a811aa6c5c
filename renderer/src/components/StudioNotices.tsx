import { useState } from 'react';
import { run } from '../engine/actions';
import { useT } from '../i18n';
import { timeOfDay } from '../live/format';
import { selectIsHost } from '../store/selectors';
import { useStudio } from '../store/studio';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const size = (bytes: number | null) =>
  bytes === null ? '?' : bytes >= GIB ? `${(bytes / GIB).toFixed(1)} GB` : `${Math.round(bytes / MIB)} MB`;

/**
 * What the host must know before going on: a show a crash interrupted (continue it or end it), a ledger
 * that cannot record, a disk that is full or almost full. Silent when all is well.
 */
export function StudioNotices() {
  const t = useT();
  const interrupted = useStudio((s) => s.state?.interrupted ?? null);
  const problem = useStudio((s) => s.state?.ledgerProblem ?? null);
  const notice = useStudio((s) => s.state?.ledgerNotice ?? null);
  const storage = useStudio((s) => s.state?.storage ?? null);
  const isHost = useStudio(selectIsHost);
  const [busy, setBusy] = useState(false);
  const settle = async (name: 'session.resume' | 'session.closeInterrupted', id: string) => {
    setBusy(true);
    await run(name, { id });
    setBusy(false);
  };
  const low = storage?.folders.filter((f) => f.low) ?? [];
  return (
    <div className="studio-notices" data-testid="studio-notices">
      {interrupted && (
        <div className="notice notice--warn" role="alert" data-testid="interrupted-notice">
          <p>
            {t('interrupted.body', { title: interrupted.title, time: timeOfDay(interrupted.startedAt) })}
            {!isHost && ` ${t('interrupted.hostDecides')}`}
          </p>
          {isHost && (
            <div className="notice__actions">
              <button
                type="button"
                className="session-start"
                disabled={busy}
                onClick={() => void settle('session.resume', interrupted.id)}
              >
                {t('interrupted.resume')}
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() => void settle('session.closeInterrupted', interrupted.id)}
              >
                {t('interrupted.close')}
              </button>
            </div>
          )}
        </div>
      )}
      {problem && (
        <div className="notice notice--error" role="alert" data-testid="ledger-problem">
          <p>{t(problem.code === 'ledger_damaged' ? 'ledger.damaged' : 'ledger.unavailable')}</p>
          <p className="notice__detail">{problem.message}</p>
        </div>
      )}
      {notice && (
        <div className="notice notice--warn" role="status">
          <p>{notice}</p>
        </div>
      )}
      {storage?.full || storage?.ledgerWriteFailing ? (
        <div className="notice notice--error" role="alert" data-testid="disk-full">
          <p>{t('disk.full')}</p>
        </div>
      ) : (
        low.length > 0 && (
          <div className="notice notice--warn" role="status" data-testid="disk-low">
            <p>
              {low
                .map((f) =>
                  t(f.kind === 'data' ? 'disk.lowData' : 'disk.lowRecording', {
                    free: size(f.freeBytes),
                    path: f.path,
                  }),
                )
                .join(' ')}
            </p>
          </div>
        )
      )}
      {storage && storage.droppedLogLines > 0 && (
        <p className="notice__detail" role="status">
          {t('disk.droppedLogs', { n: storage.droppedLogLines })}
        </p>
      )}
    </div>
  );
}
