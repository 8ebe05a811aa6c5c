import { useState } from 'react';
import type { ObsState } from '../../../shared/contract/obs';
import { run } from '../engine/actions';
import { useNow } from '../hooks/useNow';
import { useT } from '../i18n';
import { bitrate, clock } from '../live/format';
import { obsStatusWords, sortWarnings, warningWords } from '../live/obs-text';
import { selectCanOperate, selectIsHost } from '../store/selectors';
import { useStudio } from '../store/studio';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * OBS at a glance: its state in words, LIVE and REC with durations, bitrate, dropped frames, CPU, health
 * warnings; Go live / End show (confirmed) and Record (host), the scene switcher (operators).
 */
export function ObsBar() {
  const t = useT();
  const obs = useStudio((s) => s.state?.obs ?? null);
  if (!obs) {
    return (
      <span className="status-pill status-pill--warn" data-testid="obs-status" data-status="absent">
        {t('obs.notWired')}
      </span>
    );
  }
  return <ObsBarConnected obs={obs} />;
}

function ObsBarConnected({ obs }: { obs: ObsState }) {
  const t = useT();
  const isHost = useStudio(selectIsHost);
  const canOperate = useStudio(selectCanOperate);
  const streaming = obs.streaming.active;
  const recording = obs.recording.active;
  const now = useNow(streaming || recording);
  const [confirm, setConfirm] = useState<'stream' | 'record' | null>(null);
  const words = obsStatusWords(obs);
  const identified = obs.status === 'identified';
  const warnings = sortWarnings(obs.health.warnings);
  const since = (startedAt: number | null, durationMs: number) => (startedAt ? now - startedAt : durationMs);
  return (
    <div className="obsbar" data-testid="obs-bar">
      <span className={`status-pill status-pill--${words.tone}`} data-testid="obs-status" data-status={obs.status}>
        {t(words.key, words.vars)}
      </span>
      {identified && (
        <>
          <span className={streaming ? 'badge badge--live' : 'badge'} data-testid="obs-live">
            {streaming
              ? `${t('obs.live')} ${clock(since(obs.streaming.startedAt, obs.streaming.durationMs))}`
              : t('obs.offAir')}
          </span>
          {recording && (
            <span className="badge badge--rec" data-testid="obs-rec">
              ● {t('obs.rec')} {clock(since(obs.recording.startedAt, obs.recording.durationMs))}
              {obs.recording.paused ? ` · ${t('obs.paused')}` : ''}
            </span>
          )}
          {streaming && (
            <span className="obsbar__stat">
              {t('obs.bitrate')} {bitrate(obs.streaming.bitrateKbps)} · {t('obs.dropped')}{' '}
              {obs.streaming.droppedPercent.toFixed(1)}%
            </span>
          )}
          <span className="obsbar__stat">
            {t('obs.cpu')} {Math.round(obs.health.cpu)}%
          </span>
          {warnings.map((w) => {
            const ww = warningWords(w);
            return (
              <span key={w.code} className={`badge badge--${w.level === 'critical' ? 'error' : 'warn'}`} role="alert">
                {t(ww.key, ww.vars)}
              </span>
            );
          })}
          {obs.scenes.length > 0 && (
            <label className="obsbar__scene">
              <span>{t('obs.scene')}</span>
              <select
                value={obs.programScene ?? ''}
                disabled={!canOperate}
                onChange={(e) => void run('obs.setScene', { scene: e.target.value })}
              >
                {obs.scenes.map((scene) => (
                  <option key={scene} value={scene}>
                    {scene}
                  </option>
                ))}
              </select>
            </label>
          )}
          {isHost && (
            <span className="obsbar__actions">
              {recording ? (
                <button type="button" onClick={() => setConfirm('record')}>
                  {t('obs.stopRecord')}
                </button>
              ) : (
                <button type="button" onClick={() => void run('obs.startRecord', {})}>
                  ● {t('obs.record')}
                </button>
              )}
              {streaming ? (
                <button type="button" className="danger" onClick={() => setConfirm('stream')}>
                  {t('obs.endShow')}
                </button>
              ) : (
                <button type="button" className="primary" onClick={() => void run('obs.startStream', {})}>
                  {t('obs.goLive')}
                </button>
              )}
            </span>
          )}
        </>
      )}
      <ConfirmDialog
        open={confirm !== null}
        title={t(confirm === 'record' ? 'obs.stopRecordTitle' : 'obs.endTitle')}
        body={t(confirm === 'record' ? 'obs.stopRecordBody' : 'obs.endBody')}
        confirmLabel={t(confirm === 'record' ? 'obs.stopRecord' : 'obs.endShow')}
        danger
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const which = confirm;
          setConfirm(null);
          if (which === 'stream') void run('obs.stopStream', { confirm: true });
          if (which === 'record') void run('obs.stopRecord', { confirm: true });
        }}
      />
    </div>
  );
}
