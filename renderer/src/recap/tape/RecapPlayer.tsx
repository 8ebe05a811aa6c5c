/**
 * The show's recording in the recap: a video element over the engine's signed, ranged links. A seek
 * request (a studio-clock moment) is mapped to a file and an offset (shared/recordings/timeline):
 * another file is loaded first when the moment lies in it; a moment no file holds is said so. The
 * playhead goes back to the chart on every time update.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { fmtClock } from '../../../../shared/recap/format';
import { clockAt, locate, type Recording } from '../../../../shared/recordings/timeline';
import { mediaUrl, type RecordingBody } from './api';
import type { TapeT } from './i18n';
import type { SeekRequest } from './useTape';

export function RecapPlayer(props: {
  recordings: RecordingBody[];
  request: SeekRequest | null;
  onPlayhead: (at: number | null) => void;
  onExpired: () => void;
  t: TapeT;
}) {
  const { recordings, t } = props;
  const playable = useMemo(() => recordings.filter((r) => r.exists && r.url), [recordings]);
  const [current, setCurrent] = useState<number>(playable[0]?.index ?? -1);
  const [note, setNote] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const pending = useRef<number | null>(null);
  const onPlayhead = useRef(props.onPlayhead);
  onPlayhead.current = props.onPlayhead;
  const file = recordings.find((r) => r.index === current) ?? null;

  const applyPending = () => {
    const v = video.current;
    if (!v || pending.current === null || v.readyState < 1) return;
    v.currentTime = pending.current / 1000;
    pending.current = null;
    void v.play().catch(() => undefined); // autoplay may be refused; the position is set anyway
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per seek request (the nonce)
  useEffect(() => {
    const req = props.request;
    if (!req) return;
    const pos = locate(playable as Recording[], req.at);
    if (!pos) {
      setNote(t('tape.noFootage', { at: fmtClock(req.at) }));
      return;
    }
    setNote(null);
    pending.current = pos.offsetMs;
    if (pos.index !== current) setCurrent(pos.index);
    else applyPending();
  }, [props.request?.nonce]);

  const timeUpdate = () => {
    const v = video.current;
    if (v && file) onPlayhead.current(clockAt(file, v.currentTime * 1000));
  };

  return (
    <div className="tape-player">
      {file?.url && (
        // biome-ignore lint/a11y/useMediaCaption: a live show's recording has no captions to offer
        <video
          ref={video}
          key={file.index}
          src={mediaUrl(file.url)}
          controls
          preload="metadata"
          aria-label={t('tape.player')}
          data-testid="recap-video"
          data-file-index={file.index}
          onLoadedMetadata={applyPending}
          onTimeUpdate={timeUpdate}
          onSeeked={timeUpdate}
          onError={props.onExpired}
        />
      )}
      {note && (
        <p role="status" className="note" data-testid="tape-note">
          {note}
        </p>
      )}
      <ul className="tape-files">
        {recordings.map((r) => (
          <li key={r.index}>
            {r.exists ? (
              <button
                type="button"
                aria-pressed={r.index === current}
                onClick={() => {
                  pending.current = null;
                  setCurrent(r.index);
                }}
              >
                {t('tape.file', { n: r.index + 1 })} ·{' '}
                {t('tape.fileSpan', {
                  from: fmtClock(r.startedAt),
                  to: r.endedAt ? fmtClock(r.endedAt) : t('tape.recording'),
                })}
              </button>
            ) : (
              <span className="warn" data-testid="tape-missing">
                {t('tape.file', { n: r.index + 1 })} · {t('tape.missing', { path: r.path ?? '—' })}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
