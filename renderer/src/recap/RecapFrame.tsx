import type { ReactNode } from 'react';
import type { RecapT } from './i18n';
import { onNavigate } from './location';

/** "← back to sessions", the way out of a recap or a comparison (not printed). */
export function BackLink(props: { t: RecapT }) {
  return (
    <a href="/sessions" className="back no-print" onClick={onNavigate({ kind: 'list' })}>
      ← {props.t('recap.back')}
    </a>
  );
}

/** A recap page that could not load: the way back and the reason, in words. */
export function RecapError(props: { t: RecapT; error: ReactNode }) {
  return (
    <section className="view">
      <BackLink t={props.t} />
      <p role="alert" className="error">
        {props.t('recap.error', { message: String(props.error) })}
      </p>
    </section>
  );
}
