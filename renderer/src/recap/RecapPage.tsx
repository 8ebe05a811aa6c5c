/** One session's recap: headline figures, the per-minute chart with brushing, pin/product/question tables, exports. */
import { useEffect, useMemo, useState } from 'react';
import { chartModel, productLabel } from '../../../shared/recap/chart-model';
import { fmtClock, fmtDateTime, fmtDuration, fmtInt, fmtMoney } from '../../../shared/recap/format';
import { pinLedger } from '../../../shared/recap/pin-ledger';
import { rangeFigures } from '../../../shared/recap/range';
import type { CompareBody, QuestionsBody, RecapBody } from '../../../shared/recap/types';
import { useStudio } from '../store/studio';
import { recapApi } from './api';
import { ExportBar } from './ExportBar';
import { HeadlineFigures } from './figures';
import { useRecapT } from './i18n';
import { MissingFacts } from './MissingFacts';
import { BooksNote, ChannelTables, LateRefundList } from './OrderTruth';
import { PinTable } from './PinTable';
import { ProductTable } from './ProductTable';
import { Questions } from './Questions';
import { RecapChart } from './RecapChart';
import { BackLink, RecapError } from './RecapFrame';
import { ReconcilePanel } from './ReconcilePanel';
import { RecapTape } from './tape/RecapTape';
import { useTape } from './tape/useTape';

export function RecapPage(props: { id: string }) {
  const t = useRecapT();
  const lang = useStudio((s) => s.language);
  const role = useStudio((s) => s.seat?.role);
  const [recap, setRecap] = useState<RecapBody | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [compare, setCompare] = useState<CompareBody | null>(null);
  const [questions, setQuestions] = useState<QuestionsBody | null>(null);
  const [range, setRange] = useState<{ first: number; last: number } | null>(null);
  const tape = useTape(props.id);
  const [withRehearsals, setWithRehearsals] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    setRecap(null);
    setError(null);
    setCompare(null);
    setQuestions(null);
    setRange(null);
    recapApi
      .recap(props.id)
      .then((r) => live && setRecap(r))
      .catch((e: Error) => live && setError(e.message));
    // Comparisons and the question tables come after the figures: they never hold the page back.
    recapApi.questions(props.id).then(
      (q) => live && setQuestions(q),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [props.id]);

  useEffect(() => {
    let live = true;
    setCompare(null);
    recapApi.compare(props.id, withRehearsals).then(
      (c) => live && setCompare(c),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [props.id, withRehearsals]);

  // A reconciliation changed the figures: read them again (the question tables did not change).
  useEffect(() => {
    if (version === 0) return;
    let live = true;
    recapApi.recap(props.id).then(
      (r) => live && setRecap(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [props.id, version]);

  const model = useMemo(() => (recap ? chartModel(recap.minutes, recap.segments, recap.catalogue) : null), [recap]);
  const back = <BackLink t={t} />;
  if (error) return <RecapError t={t} error={error} />;
  if (!recap || !model)
    return (
      <section className="view">
        {back}
        <p role="status">{t('recap.loading')}</p>
      </section>
    );

  const s = recap.session;
  const end = s.endedAt ?? recap.window.end;
  const name = (id: string | null) =>
    id === null ? t('report.noProduct') : productLabel(id, recap.catalogue, 24, t('report.unknownProduct'));
  const sel = range ? rangeFigures(recap.minutes, range.first, range.last) : null;
  return (
    <section className="view recap" aria-labelledby="recap-title" data-testid="recap-page">
      {back}
      <h1 id="recap-title">
        {t('report.reportTitle')} · {s.title}
        {s.rehearsal && (
          <span className="badge badge--rehearsal" data-testid="rehearsal-badge">
            {t('list.rehearsal')}
          </span>
        )}
        {role === 'viewer' && <span className="badge">{t('recap.readOnly')}</span>}
      </h1>
      <p className="muted">
        {fmtDateTime(s.startedAt)} – {fmtDateTime(end)} · {t('report.duration')} {fmtDuration(end - s.startedAt)}
      </p>
      {recap.running && (
        <p className="note" role="note">
          {t('report.provisional')}
        </p>
      )}
      <BooksNote recap={recap} lang={lang} />
      {recap.lateRefunds.count > 0 && (
        <p className="note" role="note" data-testid="late-refunds">
          {t('report.lateRefunds', {
            count: recap.lateRefunds.count,
            amount: fmtMoney(recap.lateRefunds.amount, lang),
            atEnd: fmtMoney(recap.lateRefunds.settledAtEnd, lang),
          })}
        </p>
      )}
      <LateRefundList recap={recap} lang={lang} />
      {recap.incomplete.incompleteMinutes > 0 && (
        <p className="note" role="note" data-testid="incomplete-note">
          {t('report.incompleteMinutes', { n: recap.incomplete.incompleteMinutes })}
        </p>
      )}
      {recap.incomplete.money && (
        <p className="note" role="note">
          {t('report.moneyIncomplete', { n: recap.incomplete.ordersWithoutAmount })}
        </p>
      )}
      <label className="recap-rehearsals no-print">
        <input
          type="checkbox"
          checked={withRehearsals}
          onChange={(e) => setWithRehearsals(e.target.checked)}
          data-testid="with-rehearsals"
        />
        {withRehearsals ? t('recap.withRehearsals') : t('recap.rehearsalsLeftOut')}
      </label>
      <HeadlineFigures recap={recap} compare={compare} t={t} lang={lang} />

      <section aria-labelledby="recap-chart-title">
        <h2 id="recap-chart-title">{t('report.chart')}</h2>
        <p className="muted no-print">{t('recap.chartHint')}</p>
        <RecapChart model={model} t={t} onRange={setRange} onPick={tape.seekTo} playhead={tape.playhead} />
        {sel && (
          <section
            className="recap-range"
            data-testid="range-figures"
            aria-live="polite"
            aria-label={t('recap.range', { from: fmtClock(sel.from), to: fmtClock(sel.to), n: sel.minutes })}
          >
            <strong>{t('recap.range', { from: fmtClock(sel.from), to: fmtClock(sel.to), n: sel.minutes })}</strong>
            <span data-figure="paidGmv">
              {t('figure.paidGmv')} {fmtMoney(sel.paidGmv, lang)}
            </span>
            <span data-figure="orders">
              {t('figure.orders')} {fmtInt(sel.orders, lang)}
            </span>
            <span data-figure="units">
              {t('figure.units')} {fmtInt(sel.units, lang)}
            </span>
            <span data-figure="chat">
              {t('chart.chat')} {fmtInt(sel.chat, lang)}
            </span>
            <span data-figure="peakViewers">
              {t('figure.peakViewers')} {fmtInt(sel.peakViewers, lang)}
            </span>
            {sel.incompleteMinutes > 0 && (
              <span className="warn">{t('recap.rangeIncomplete', { n: sel.incompleteMinutes })}</span>
            )}
            <button type="button" className="no-print" onClick={() => setRange(null)}>
              {t('recap.rangeClear')}
            </button>
          </section>
        )}
      </section>

      <RecapTape recap={recap} tape={tape} isHost={role === 'host'} />
      <PinTable
        rows={pinLedger(recap.segments, recap.figures.paidGmv.currency)}
        t={t}
        lang={lang}
        name={name}
        onPlay={(productId) => tape.seekTo(recap.segments.find((x) => x.productId === productId)?.start ?? s.startedAt)}
      />
      <ProductTable recap={recap} t={t} lang={lang} name={name} />
      <ChannelTables recap={recap} t={t} lang={lang} name={name} />
      <Questions questions={questions} t={t} name={name} />
      <MissingFacts questions={questions} t={t} lang={lang} name={name} stockLabel={t('intent.stock')} />
      {recap.anomalies.length > 0 && <p className="note">{t('report.anomalies', { n: recap.anomalies.length })}</p>}
      {role === 'host' && !recap.running && (
        <ReconcilePanel sessionId={s.id} t={t} lang={lang} onReconciled={() => setVersion((v) => v + 1)} />
      )}
      <ExportBar sessionId={s.id} t={t} lang={lang} />
    </section>
  );
}
