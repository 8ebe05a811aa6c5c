import { useEffect, useState } from 'react';
import { useT } from '../i18n';
import { useStudio } from '../store/studio';

function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** The engine connection in words; silent when all is well, loud when it is not. */
export function ConnectionBanner() {
  const t = useT();
  const connection = useStudio((s) => s.connection);
  const stopping = useStudio((s) => s.state?.engine.stopping ?? false);
  const now = useNow(connection.status === 'reconnecting');
  let text: string;
  let tone: 'ok' | 'warn' | 'error';
  switch (connection.status) {
    case 'connected':
      text = stopping ? t('conn.engineStopping') : t('conn.connected');
      tone = stopping ? 'warn' : 'ok';
      break;
    case 'connecting':
      text = t('conn.connecting');
      tone = 'warn';
      break;
    case 'reconnecting': {
      const seconds = Math.max(0, Math.round((now - connection.since) / 1000));
      const since =
        seconds < 60 ? t('time.seconds', { n: seconds }) : t('time.minutes', { n: Math.floor(seconds / 60) });
      text = t('conn.reconnecting', { attempt: Math.max(1, connection.attempt), since });
      tone = 'error';
      break;
    }
    case 'unauthorized':
      text = t('conn.unauthorized');
      tone = 'error';
      break;
    case 'no_token':
      text = t('conn.noToken');
      tone = 'error';
      break;
  }
  return (
    <div
      className={`connection connection--${tone}`}
      role="status"
      aria-live="polite"
      data-testid="connection"
      data-status={connection.status}
    >
      <span className="connection__dot" aria-hidden="true" />
      {text}
    </div>
  );
}
