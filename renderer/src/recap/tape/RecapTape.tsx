/** The recap's "on tape" section: the recording player and the clips per 讲解. */
import type { RecapBody } from '../../../../shared/recap/types';
import { ClipPanel } from './ClipPanel';
import { useTapeT } from './i18n';
import { RecapPlayer } from './RecapPlayer';
import type { Tape } from './useTape';
import './tape.css';

export function RecapTape(props: { recap: RecapBody; tape: Tape; isHost: boolean }) {
  const t = useTapeT();
  const { tape } = props;
  return (
    <section aria-labelledby="tape-title" className="tape" data-testid="recap-tape">
      <h2 id="tape-title">{t('tape.title')}</h2>
      {tape.error ? (
        <p className="note">{tape.error}</p>
      ) : !tape.recordings ? (
        <p role="status" className="muted">
          {t('tape.loading')}
        </p>
      ) : tape.recordings.length === 0 ? (
        <p className="muted" data-testid="tape-none">
          {t('tape.none')}
        </p>
      ) : (
        <>
          <p className="muted no-print">{t('tape.hint')}</p>
          <div className="tape-grid">
            <RecapPlayer
              recordings={tape.recordings}
              request={tape.request}
              onPlayhead={tape.setPlayhead}
              onExpired={tape.reload}
              t={t}
            />
            <ClipPanel recap={props.recap} isHost={props.isHost} seekTo={tape.seekTo} t={t} />
          </div>
        </>
      )}
    </section>
  );
}
