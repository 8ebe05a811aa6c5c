/**
 * Step 3: where to stream. The platform's push address is pasted as one line (or server and key); the
 * engine splits it, seals the key and sets OBS's custom RTMP destination; the screen shows the server
 * and a masked key, never the key. A 10-second test broadcast reports bitrate and dropped frames in words.
 */
import { useEffect, useRef, useState } from 'react';
import { run } from '../engine/actions';
import { useStudio } from '../store/studio';
import { useSetupT } from './i18n';
import { judgeTestBroadcast, maskedKey, type Sample, type TestVerdict } from './test-broadcast';

const TEST_SECONDS = 10;

export function StreamStep() {
  const t = useSetupT();
  const obs = useStudio((s) => s.state?.obs ?? null);
  const [url, setUrl] = useState('');
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ server: string; masked: string } | null>(null);
  const [testing, setTesting] = useState<number | null>(null);
  const [verdict, setVerdict] = useState<TestVerdict | null>(null);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const save = async () => {
    setBusy(true);
    const result = await run('obs.setStreamDestination', { url, ...(key.trim() ? { key } : {}) });
    setBusy(false);
    if (!result) return;
    setSaved({ server: result.server, masked: maskedKey(url, result.server, key) });
    setUrl('');
    setKey('');
  };

  const test = async () => {
    setVerdict(null);
    if (!(await run('obs.startStream', {}))) return;
    const samples: Sample[] = [];
    const sample = () => {
      const s = useStudio.getState().state?.obs.streaming;
      if (s) samples.push(s);
    };
    sample();
    for (let left = TEST_SECONDS; left > 0; left--) {
      setTesting(left);
      await new Promise((r) => setTimeout(r, 1000));
      sample();
    }
    setTesting(null);
    await run('obs.stopStream', { confirm: true });
    if (alive.current) setVerdict(judgeTestBroadcast(samples));
  };

  const destination = obs?.destination ?? null;
  const live = obs?.streaming.active === true && testing === null;
  const hasKey = Boolean(saved || destination?.hasKey);
  return (
    <div className="setup-step" data-testid="setup-stream">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label className="setup-wide">
          {t('stream.paste')}
          <textarea
            rows={2}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="rtmp://push.example.com/live/…"
            spellCheck={false}
            autoComplete="off"
            data-testid="setup-push-url"
          />
        </label>
        <p className="muted">{t('stream.pasteHint')}</p>
        <label className="setup-wide">
          {t('stream.key')}
          <input type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={busy || url.trim() === ''} data-testid="setup-save-stream">
          {t('stream.save')}
        </button>
      </form>
      {(saved || destination?.server) && (
        <p className="status-pill status-pill--ok" role="status" data-testid="setup-stream-saved">
          {t('stream.saved', {
            server: saved?.server ?? destination?.server ?? '',
            key: saved?.masked ?? t('stream.savedKey'),
          })}
        </p>
      )}
      <div className="field-row">
        <button
          type="button"
          disabled={!hasKey || live || testing !== null || obs?.status !== 'identified'}
          onClick={() => void test()}
          data-testid="setup-test-stream"
        >
          {testing !== null ? t('stream.testing', { seconds: testing }) : t('stream.test')}
        </button>
        {live && <span className="muted">{t('stream.testBusy')}</span>}
        {!hasKey && <span className="muted">{t('stream.testNeedsKey')}</span>}
      </div>
      {verdict && (
        <p
          role="status"
          className={`status-pill status-pill--${verdict.verdict === 'good' ? 'ok' : verdict.verdict === 'weak' ? 'warn' : 'error'}`}
          data-testid="setup-test-result"
        >
          {t(`stream.result.${verdict.verdict}`, verdict as unknown as Record<string, string | number>)}
        </p>
      )}
    </div>
  );
}
