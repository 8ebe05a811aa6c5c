/**
 * Step 1: find OBS. Tries the saved address (ws://127.0.0.1:4455 on a first run) once by itself; when
 * that fails it says why in words and where OBS's WebSocket server is switched on, and asks for host,
 * port and password.
 */
import { useEffect, useRef, useState } from 'react';
import type { ObsReason } from '../../../shared/contract/obs';
import { ObsAddressFields } from '../components/ObsAddressFields';
import { run } from '../engine/actions';
import { useT } from '../i18n';
import { reasonKey } from '../live/obs-text';
import { useStudio } from '../store/studio';
import { useSetupT } from './i18n';

export function ObsStep() {
  const t = useT();
  const st = useSetupT();
  const obs = useStudio((s) => s.state?.obs ?? null);
  const [host, setHost] = useState(obs?.address.host ?? '127.0.0.1');
  const [port, setPort] = useState(String(obs?.address.port ?? 4455));
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ObsReason | null>(null);
  const tried = useRef(false);
  const connected = obs?.status === 'identified';

  const connect = async (args: { host?: string; port?: number; password?: string }) => {
    setBusy(true);
    const result = await run('obs.connect', args);
    setBusy(false);
    if (!result) return;
    setFailure(result.ok ? null : (result.reason ?? { code: 'unknown', message: '' }));
    if (result.ok) setPassword('');
  };

  useEffect(() => {
    if (tried.current || connected || !obs) return;
    tried.current = true;
    void connect({});
  });

  const address = `${host}:${port}`;
  return (
    <div className="setup-step" data-testid="setup-obs">
      {connected && obs?.version ? (
        <p className="status-pill status-pill--ok" role="status" data-testid="setup-obs-found">
          {st('obs.found', { obs: obs.version.obs, websocket: obs.version.websocket })}
        </p>
      ) : busy ? (
        <p className="status-pill status-pill--warn" role="status">
          {st('obs.looking', { address })}
        </p>
      ) : failure ? (
        <div role="alert" className="setup-problem" data-testid="setup-obs-problem">
          <p className="status-pill status-pill--error">{t(reasonKey(failure.code), { address })}</p>
          <p>{st('obs.where')}</p>
        </div>
      ) : null}
      <form
        className="field-row"
        onSubmit={(e) => {
          e.preventDefault();
          void connect({
            host: host.trim(),
            port: Number.parseInt(port, 10) || 4455,
            ...(password ? { password } : {}),
          });
        }}
      >
        <ObsAddressFields
          host={{ value: host, set: setHost }}
          port={{ value: port, set: setPort }}
          password={{ value: password, set: setPassword }}
          testId="setup-obs"
        />
        <button type="submit" className="primary" disabled={busy}>
          {connected ? st('obs.findAgain') : st('obs.retry')}
        </button>
      </form>
    </div>
  );
}
