import { useEffect, useState } from 'react';
import type { Figures } from '../../../shared/contract';
import { api } from '../engine/connection';
import { selectSession } from '../store/selectors';
import { useStudio } from '../store/studio';

export interface EndedSessionFigures {
  sessionId: string;
  title: string;
  figures: Figures;
}

/**
 * When no session runs, the figures of the latest ended one, from the control API's stats (the same
 * numbers as the recap and the export), refetched whenever a session ends or the seat reconnects.
 */
export function useLastSessionFigures(): EndedSessionFigures | null {
  const session = useStudio(selectSession);
  const connected = useStudio((s) => s.connection.status === 'connected');
  const [ended, setEnded] = useState<EndedSessionFigures | null>(null);
  const running = session !== null && session.endedAt === null;
  useEffect(() => {
    if (running || !connected) return;
    let cancelled = false;
    void (async () => {
      try {
        const list = (await (await api('/sessions')).json()) as { sessions?: { id: string; title: string }[] };
        const last = list.sessions?.[0];
        if (!last) return;
        const stats = (await (await api(`/sessions/${encodeURIComponent(last.id)}/stats`)).json()) as {
          figures?: Figures;
        };
        if (!cancelled && stats.figures) setEnded({ sessionId: last.id, title: last.title, figures: stats.figures });
      } catch {
        // Offline: the connection banner says so; keep what is shown.
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [running, connected]);
  return running ? null : ended;
}
