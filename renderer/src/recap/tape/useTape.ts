/**
 * The recap's link between chart, tables and player: the session's recordings, the last seek asked
 * for (a studio-clock moment; a nonce so asking twice for the same moment seeks again), and the
 * playhead the chart follows.
 */
import { useCallback, useEffect, useState } from 'react';
import { type RecordingBody, tapeApi } from './api';

export interface SeekRequest {
  at: number;
  nonce: number;
}

export interface Tape {
  recordings: RecordingBody[] | null;
  error: string | null;
  request: SeekRequest | null;
  seekTo(at: number): void;
  /** where the video is, on the studio clock (null: not playing anything yet) */
  playhead: number | null;
  setPlayhead(at: number | null): void;
  reload(): void;
}

export function useTape(sessionId: string): Tape {
  const [recordings, setRecordings] = useState<RecordingBody[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [request, setRequest] = useState<SeekRequest | null>(null);
  const [playhead, setPlayhead] = useState<number | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    // generation: a reload (expired link, file back in place) asks again
    void generation;
    tapeApi.recordings(sessionId).then(
      (r) => live && setRecordings(r),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [sessionId, generation]);

  const seekTo = useCallback((at: number) => setRequest((r) => ({ at, nonce: (r?.nonce ?? 0) + 1 })), []);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { recordings, error, request, seekTo, playhead, setPlayhead, reload };
}
