import type { Figures, LiveFiguresState } from '../../../shared/contract/session';
import { useLastSessionFigures } from '../hooks/useLastSessionFigures';
import { type MessageKey, useT } from '../i18n';
import { count, money, moneyCompact, percent } from '../live/format';
import { selectFigures, selectSession } from '../store/selectors';
import { useStudio } from '../store/studio';
import { Sparkline } from './Sparkline';

type FigureKey = 'paidGmv' | 'settledGmv' | 'orders' | 'buyers' | 'viewersNow' | 'peakViewers' | 'gpm' | 'conversion';

/** The session's live figures (METRICS.md keys), provisional while the session runs. */
export function FiguresPanel() {
  const t = useT();
  const language = useStudio((s) => s.language);
  const live = useStudio(selectFigures);
  const session = useStudio(selectSession);
  const running = session !== null && session.endedAt === null;
  const ended = useLastSessionFigures();
  const f: Figures | null = running ? (live?.figures ?? null) : (ended?.figures ?? null);
  const value: Record<FigureKey, string> = {
    paidGmv: moneyCompact(f?.paidGmv, language),
    settledGmv: moneyCompact(f?.settledGmv, language),
    orders: count(f?.orders, language),
    buyers: count(f?.buyers, language),
    viewersNow: count(live?.viewersNow, language),
    peakViewers: count(f?.peakViewers, language),
    gpm: f?.gpm ? money(f.gpm, language) : '—',
    conversion: percent(f?.conversion),
  };
  const exact: Partial<Record<FigureKey, string>> = {
    paidGmv: money(f?.paidGmv, language),
    settledGmv: money(f?.settledGmv, language),
  };
  return (
    <section className="panel figures" aria-labelledby="figures-title" data-testid="figures">
      <header className="panel__header">
        <h2 id="figures-title">{t('figures.title')}</h2>
        {running && <span className="badge badge--warn">{t('figures.provisional')}</span>}
        {!running && ended && (
          <span className="badge" data-testid="figures-ended">
            {t('figures.ended', { title: ended.title })}
          </span>
        )}
        {live?.incomplete && <span className="badge badge--error">{t('figures.incomplete')}</span>}
      </header>
      <dl className="figure-grid">
        {(Object.keys(value) as FigureKey[]).map((key) => (
          <div key={key} className={`figure figure--${key}`} data-figure={key}>
            <dt>{t(`figures.${key}` as MessageKey)}</dt>
            <dd title={exact[key]}>{value[key]}</dd>
          </div>
        ))}
      </dl>
      <div className="figures__spark">
        <span className="muted">{t('figures.perMinute')}</span>
        <Sparkline values={running ? (live?.gmvPerMinute ?? []) : []} label={t('figures.perMinute')} />
      </div>
      {running && <ChannelSplit channels={live?.channels ?? []} />}
    </section>
  );
}

/** Live vs 推客 (and notes, other) as one small stacked bar with the shares in words beside it. */
function ChannelSplit(props: { channels: LiveFiguresState['channels'] }) {
  const t = useT();
  const language = useStudio((s) => s.language);
  const total = props.channels.reduce((s, c) => s + c.paidGmv.amount, 0);
  const shown = props.channels.filter((c) => c.paidGmv.amount > 0 || c.channel === 'live' || c.channel === 'share');
  const share = (amount: number) => (total === 0 ? 0 : amount / total);
  const words = shown
    .map((c) => `${t(`figures.channel.${c.channel}` as MessageKey)} ${percent(share(c.paidGmv.amount))}`)
    .join(' · ');
  return (
    <div className="figures__channels" data-testid="channel-split" role="img" aria-label={words}>
      <div className="channel-bar" aria-hidden="true">
        {shown.map((c) => (
          <span
            key={c.channel}
            className={`channel-bar__part channel-bar__part--${c.channel}`}
            style={{ flexGrow: total === 0 ? 1 : c.paidGmv.amount }}
          />
        ))}
      </div>
      <ul className="channel-legend">
        {shown.map((c) => (
          <li key={c.channel} data-channel={c.channel} title={money(c.paidGmv, language)}>
            <span className={`channel-dot channel-bar__part--${c.channel}`} aria-hidden="true" />
            {t(`figures.channel.${c.channel}` as MessageKey)} {percent(share(c.paidGmv.amount))}
          </li>
        ))}
      </ul>
    </div>
  );
}
