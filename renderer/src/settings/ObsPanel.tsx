import { useEffect, useState } from 'react';
import type { ObsPublicSettings } from '../../../shared/contract';
import { ObsAddressFields } from '../components/ObsAddressFields';
import { run } from '../engine/actions';
import { useT } from '../i18n';
import { obsStatusWords } from '../live/obs-text';
import { selectIsHost } from '../store/selectors';
import { useStudio } from '../store/studio';

/** Host only: where OBS's WebSocket server is and its password (never shown back, only "is set"). */
export function ObsPanel() {
  const t = useT();
  const isHost = useStudio(selectIsHost);
  const obs = useStudio((s) => s.state?.obs ?? null);
  const [settings, setSettings] = useState<ObsPublicSettings | null>(null);
  const [host, setHost] = useState('127.0.0.1');
  const [port, setPort] = useState('4455');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!isHost) return;
    void run('obs.getSettings', {}).then((s) => {
      if (!s) return;
      setSettings(s);
      setHost(s.host);
      setPort(String(s.port));
    });
  }, [isHost]);
  if (!isHost) return null;
  const words = obs ? obsStatusWords(obs) : null;
  const connect = async () => {
    setBusy(true);
    await run('obs.connect', {
      host: host.trim(),
      port: Number.parseInt(port, 10),
      ...(password ? { password } : {}),
    });
    setPassword('');
    setBusy(false);
  };
  return (
    <section aria-labelledby="obs-title" className="settings-section" data-testid="obs-panel">
      <h2 id="obs-title">{t('obs.settings')}</h2>
      {words && (
        <p className={`status-pill status-pill--${words.tone}`} role="status">
          {obs?.status === 'identified' && obs.version
            ? t('obs.connectedVersion', { obs: obs.version.obs, websocket: obs.version.websocket })
            : t(words.key, words.vars)}
        </p>
      )}
      <form
        className="field-row"
        onSubmit={(e) => {
          e.preventDefault();
          void connect();
        }}
      >
        <ObsAddressFields
          host={{ value: host, set: setHost }}
          port={{ value: port, set: setPort }}
          password={{ value: password, set: setPassword }}
          passwordPlaceholder={settings?.hasPassword ? t('obs.passwordKeep') : ''}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('obs.connect')}
        </button>
      </form>
    </section>
  );
}
