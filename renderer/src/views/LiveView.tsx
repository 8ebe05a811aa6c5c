import { useEffect, useState } from 'react';
import type { StatusResponse } from '../../../shared/contract';
import { engine } from '../engine/connection';
import { useT } from '../i18n';
import { useStudio } from '../store/studio';

/** The show's status at a glance; the full console grows here (run-of-show, chat, figures). */
export function LiveView() {
  const t = useT();
  const connected = useStudio((s) => s.connection.status === 'connected');
  const state = useStudio((s) => s.state);
  const [status, setStatus] = useState<StatusResponse | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch whenever the engine's state changes
  useEffect(() => {
    if (!connected) return;
    let cancelled = false;
    engine()
      .call('status.get', {})
      .then((s) => !cancelled && setStatus(s))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [connected, state]);

  const yesNo = (ok: boolean | undefined) => (ok ? t('state.connected') : t('state.disconnected'));
  return (
    <section aria-labelledby="live-title" className="view">
      <h1 id="live-title">{t('live.title')}</h1>
      <dl className="status-grid" data-testid="live-status">
        <dt>{t('live.obs')}</dt>
        <dd>
          {yesNo(status?.obs.connected)}
          {status?.obs.streaming ? ` · ${t('state.streaming')}` : ''}
          {status?.obs.recording ? ` · ${t('state.recording')}` : ''}
        </dd>
        <dt>{t('live.gateway')}</dt>
        <dd>{yesNo(status?.gateway.connected)}</dd>
        <dt>{t('live.session')}</dt>
        <dd>{status?.session ? status.session.id : t('live.none')}</dd>
        <dt>{t('live.pinned')}</dt>
        <dd>{status?.pinned ? status.pinned.productId : t('live.none')}</dd>
      </dl>
    </section>
  );
}
