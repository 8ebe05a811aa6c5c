/**
 * Clips per 讲解 and the chaptered copy, from the recap: the pin segments (those longer than 30 s
 * chosen by default), each playable from its start; fast or exact cutting with a lead-in; the job's
 * progress with a cancel button; the session's clips with cover, length and size, and their folder
 * (opened in the desktop app; shown as a path in a browser).
 */
import { useCallback, useEffect, useState } from 'react';
import { productLabel } from '../../../../shared/recap/chart-model';
import { fmtClock, fmtDuration } from '../../../../shared/recap/format';
import type { RecapBody } from '../../../../shared/recap/types';
import { defaultSelection } from '../../../../shared/recordings/clips';
import { type JobBody, mediaUrl, type SessionClipsBody, tapeApi } from './api';
import type { TapeT } from './i18n';

const fmtSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function ClipPanel(props: { recap: RecapBody; isHost: boolean; seekTo: (at: number) => void; t: TapeT }) {
  const { recap, t } = props;
  const sessionId = recap.session.id;
  const [chosen, setChosen] = useState<Set<number>>(() => new Set(defaultSelection(recap.segments)));
  const [mode, setMode] = useState<'fast' | 'exact'>('fast');
  const [leadIn, setLeadIn] = useState(3);
  const [job, setJob] = useState<JobBody | null>(null);
  const [list, setList] = useState<SessionClipsBody | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const refresh = useCallback(() => tapeApi.clips(sessionId).then(setList, () => undefined), [sessionId]);
  useEffect(() => void refresh(), [refresh]);

  // Poll the running job; when it ends, say how and list the clips again.
  useEffect(() => {
    if (job?.state !== 'running') return;
    const timer = setTimeout(async () => {
      try {
        const next = await tapeApi.job(job.id);
        setJob(next);
        if (next.state !== 'running') {
          void refresh();
          if (next.state === 'done') {
            const n = next.kind === 'clips' ? next.clips.length : next.chapters.length;
            setMessage(
              [t('tape.done', { n }), next.skipped.length ? t('tape.skipped', { n: next.skipped.length }) : '']
                .filter(Boolean)
                .join(' · '),
            );
          } else if (next.error?.code === 'cancelled') setMessage(t('tape.cancelled'));
          else setMessage(t('tape.failed', { message: next.error?.message ?? '' }));
        }
      } catch (error) {
        setMessage(t('tape.failed', { message: (error as Error).message }));
        setJob(null);
      }
    }, 400);
    return () => clearTimeout(timer);
  }, [job, refresh, t]);

  const start = async (run: () => Promise<string>) => {
    setMessage(null);
    try {
      setJob(await tapeApi.job(await run()));
    } catch (error) {
      setMessage(t('tape.failed', { message: (error as Error).message }));
    }
  };
  const toggle = (i: number) =>
    setChosen((set) => {
      const next = new Set(set);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  const busy = job?.state === 'running';
  const name = (productId: string) => productLabel(productId, recap.catalogue, 24);

  return (
    <div className="tape-clips">
      <table className="recap-table" data-testid="tape-segments">
        <caption>{t('tape.segments')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tape.clips')}</th>
            <th scope="col">{t('tape.segment')}</th>
            <th scope="col">{t('tape.start')}</th>
            <th scope="col" className="num">
              {t('tape.length')}
            </th>
          </tr>
        </thead>
        <tbody>
          {recap.segments.map((s, i) => (
            <tr key={`${s.productId}-${s.start}`} data-segment={i}>
              <td>
                <input
                  type="checkbox"
                  checked={chosen.has(i)}
                  onChange={() => toggle(i)}
                  aria-label={t('tape.choose', { name: name(s.productId) })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="link"
                  aria-label={t('tape.play', { name: name(s.productId) })}
                  onClick={() => props.seekTo(s.start)}
                >
                  ▶ {name(s.productId)}
                </button>
              </td>
              <td>{fmtClock(s.start)}</td>
              <td className="num">{fmtDuration(s.durationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.isHost ? (
        <div className="row tape-controls">
          <label>
            {t('tape.mode')}{' '}
            <select value={mode} onChange={(e) => setMode(e.target.value as 'fast' | 'exact')}>
              <option value="fast">{t('tape.fast')}</option>
              <option value="exact">{t('tape.exact')}</option>
            </select>
          </label>
          <label>
            {t('tape.leadIn')}{' '}
            <input
              type="number"
              min={0}
              max={60}
              value={leadIn}
              onChange={(e) => setLeadIn(Math.min(60, Math.max(0, Number(e.target.value) || 0)))}
            />
          </label>
          <button
            type="button"
            disabled={busy || chosen.size === 0}
            onClick={() =>
              void start(() =>
                tapeApi.cut(sessionId, { segments: [...chosen].sort((a, b) => a - b), mode, leadInMs: leadIn * 1000 }),
              )
            }
          >
            {t('tape.cut', { n: chosen.size })}
          </button>
          <button type="button" disabled={busy} onClick={() => void start(() => tapeApi.chapters(sessionId))}>
            {t('tape.chapters')}
          </button>
        </div>
      ) : (
        <p className="muted">{t('tape.hostOnly')}</p>
      )}
      {busy && job && (
        <div className="row" data-testid="tape-job">
          <progress
            max={1}
            value={job.progress}
            aria-label={t(job.kind === 'clips' ? 'tape.jobClips' : 'tape.jobChapters')}
          />
          <span>
            {t('tape.progress', {
              what: t(job.kind === 'clips' ? 'tape.jobClips' : 'tape.jobChapters'),
              pct: `${Math.round(job.progress * 100)}%`,
            })}
          </span>
          <button type="button" onClick={() => void tapeApi.cancel(job.id).then(setJob, () => undefined)}>
            {t('tape.cancel')}
          </button>
        </div>
      )}
      <p role="status" aria-live="polite" className="muted" data-testid="tape-status">
        {message}
      </p>
      <ClipList list={list} sessionId={sessionId} t={t} name={name} isHost={props.isHost} />
    </div>
  );
}

function ClipList(props: {
  list: SessionClipsBody | null;
  sessionId: string;
  isHost: boolean;
  name: (productId: string) => string;
  t: TapeT;
}) {
  const { list, t } = props;
  if (!list) return null;
  // The desktop window can ask the engine to open the folder; a browser (maybe another machine) gets the path.
  const desktop = Boolean(window.studio?.engineUrl);
  return (
    <section aria-labelledby="tape-clips-title" data-testid="tape-clip-list">
      <h3 id="tape-clips-title">{t('tape.clips')}</h3>
      {list.folder && (
        <p className="row">
          <span className="muted">{t('tape.folder', { path: list.folder })}</span>
          {desktop && props.isHost && (
            <button type="button" onClick={() => void tapeApi.openFolder(props.sessionId)}>
              {t('tape.openFolder')}
            </button>
          )}
        </p>
      )}
      {list.clips.length === 0 ? (
        <p className="muted">{t('tape.clipsEmpty')}</p>
      ) : (
        <table className="recap-table">
          <thead>
            <tr>
              <th scope="col">{t('tape.cover')}</th>
              <th scope="col">{t('tape.name')}</th>
              <th scope="col" className="num">
                {t('tape.length')}
              </th>
              <th scope="col" className="num">
                {t('tape.size')}
              </th>
            </tr>
          </thead>
          <tbody>
            {list.clips.map((c) => (
              <tr key={c.path}>
                <td>
                  <img className="tape-cover" src={mediaUrl(c.coverUrl)} alt={props.name(c.productId)} />
                </td>
                <td>
                  <a href={mediaUrl(c.url)} target="_blank" rel="noreferrer">
                    {c.name}.mp4
                  </a>
                </td>
                <td className="num">{fmtDuration(c.durationMs)}</td>
                <td className="num">{fmtSize(c.sizeBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
