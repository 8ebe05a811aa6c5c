import { ChatPanel } from '../components/ChatPanel';
import { FiguresPanel } from '../components/FiguresPanel';
import { GatewayStatus } from '../components/GatewayStatus';
import { ObsBar } from '../components/ObsBar';
import { OrdersTicker } from '../components/OrdersTicker';
import { PinnedCard } from '../components/PinnedCard';
import { ProgramPreview } from '../components/ProgramPreview';
import { QuestionsStrip } from '../components/QuestionsStrip';
import { RunOfShow } from '../components/RunOfShow';
import { SessionControl } from '../components/SessionControl';
import { SourcesPanel } from '../components/SourcesPanel';
import { StudioNotices } from '../components/StudioNotices';
import { usePinShortcuts } from '../hooks/usePinShortcuts';
import { useT } from '../i18n';

/**
 * The window a show is run from, one screen at 1366x768: the show bar on top, run-of-show on the left,
 * what is on air with the figures in the middle, chat on the right. On a phone the columns stack:
 * pinned product and figures, questions first, then the run-of-show with big pin buttons and the chat.
 */
export function LiveView() {
  const t = useT();
  usePinShortcuts();
  return (
    <section aria-labelledby="live-title" className="view live">
      <div className="showbar">
        <h1 id="live-title" className="visually-hidden">
          {t('live.title')}
        </h1>
        <ObsBar />
        <SessionControl />
        <GatewayStatus />
      </div>
      <StudioNotices />
      <div className="live-grid">
        <div className="live-grid__ros">
          <RunOfShow />
        </div>
        <div className="live-grid__center">
          <div className="center-top">
            <PinnedCard />
            <ProgramPreview />
          </div>
          <FiguresPanel />
          <OrdersTicker />
        </div>
        <div className="live-grid__chat">
          <SourcesPanel />
          <QuestionsStrip />
          <ChatPanel />
        </div>
      </div>
    </section>
  );
}
