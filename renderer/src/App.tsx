import { useEffect } from 'react';
import { ConnectionBanner } from './components/ConnectionBanner';
import { Toasts } from './components/Toasts';
import { type MessageKey, useT } from './i18n';
import { PrompterView } from './prompter/PrompterView';
import { navigate, ROUTES, type RouteId, useRoute } from './router';
import { SetupWizard } from './setup/SetupWizard';
import { useSetup } from './setup/setup-store';
import { selectIsHost } from './store/selectors';
import { useStudio } from './store/studio';
import { LiveView } from './views/LiveView';
import { ProductsView } from './views/ProductsView';
import { SessionsView } from './views/SessionsView';
import { SettingsView } from './views/SettingsView';

const VIEWS: Record<RouteId, () => React.JSX.Element> = {
  live: LiveView,
  products: ProductsView,
  sessions: SessionsView,
  settings: SettingsView,
};

export function App() {
  const t = useT();
  const route = useRoute();
  const language = useStudio((s) => s.language);
  const seat = useStudio((s) => s.seat);
  const isHost = useStudio(selectIsHost);
  const setupOpen = useSetup((s) => s.open);
  // A first run (the setup never finished) opens the go-live setup for the host until they close it.
  const firstRun = useStudio((s) => s.state?.settings !== undefined && s.state.settings.setupCompletedAt === undefined);
  const showSetup = isHost && (setupOpen ?? firstRun);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.name');
  }, [language, t]);
  if (seat?.role === 'prompter' || window.location.pathname.startsWith('/prompter')) {
    return (
      <>
        <PrompterView />
        <Toasts />
      </>
    );
  }
  const View = VIEWS[route];
  return (
    <div className={route === 'live' ? 'app app--live' : 'app'}>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.label')}>
          <ul className="nav">
            {ROUTES.map((id) => (
              <li key={id}>
                <a
                  href={`/${id}`}
                  aria-current={id === route ? 'page' : undefined}
                  onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                    e.preventDefault();
                    navigate(id);
                  }}
                >
                  {t(`nav.${id}` as MessageKey)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {seat && <span className="seat-role">{t(`role.${seat.role}`)}</span>}
        <ConnectionBanner />
      </header>
      <main className="content">{showSetup ? <SetupWizard /> : <View />}</main>
      <Toasts />
    </div>
  );
}
