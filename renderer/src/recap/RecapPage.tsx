/** One session's recap: headline figures, the per-minute chart with brushing, pin/product/question tables, exports. */
import { useEffect, useMemo, useState } from 'react';
import { chartModel, productLabel } from '../../../shared/recap/chart-model';
import { fmtClock, fmtDateTime, fmtDuration, fmtInt, fmtMoney, fmtPercent } from '../../../shared/recap/format';
import { type PinLedgerRow, pinLedger } from '../../../shared/recap/pin-ledger';
import { rangeFigures } from '../../../shared/recap/range';
import type { CompareBody, QuestionsBody, RecapBody } from '../../../shared/recap/types';
import { useStudio } from '../store/studio';
import { recapApi } from './api';
import { ExportBar } from './ExportBar';
import { HeadlineFigures } from './figures';
import { type RecapT, useRecapT } from './i18n';
import { MissingFacts } from './MissingFacts';
import { BooksNote, ChannelTables, LateRefundList } from './OrderTruth';
import { RecapChart } from './RecapChart';
import { BackLink, RecapError } from './RecapFrame';
import { ReconcilePanel } from './ReconcilePanel';
import { SortableTable } from './SortableTable';
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

function PinTable(props: {
  rows: PinLedgerRow[];
  t: RecapT;
  lang: 'zh-CN' | 'en';
  name: (id: string) => string;
  /** plays the recording from the product's first pin */
  onPlay: (productId: string) => void;
}) {
  const { t, lang } = props;
  const m = (v: { amount: number } | null) => v?.amount ?? null;
  return (
    <section aria-labelledby="recap-pins">
      <h2 id="recap-pins">{t('report.pinTable')}</h2>
      <SortableTable<PinLedgerRow>
        testId="pin-table"
        caption={t('recap.tableCaption', { name: t('report.pinTable') })}
        sortLabel={(col) => t('list.sort', { col })}
        rows={props.rows}
        rowKey={(r) => r.productId}
        initialSort={{ key: 'gmvProduct', desc: true }}
        columns={[
          {
            key: 'product',
            label: t('report.product'),
            sort: (r) => props.name(r.productId),
            render: (r) => (
              <button type="button" className="link" onClick={() => props.onPlay(r.productId)}>
                {props.name(r.productId)}
              </button>
            ),
          },
          { key: 'pins', label: t('report.pins'), numeric: true, sort: (r) => r.pins, render: (r) => r.pins },
          {
            key: 'pinnedMs',
            label: t('report.pinTime'),
            numeric: true,
            sort: (r) => r.pinnedMs,
            render: (r) => fmtDuration(r.pinnedMs),
          },
          {
            key: 'gmvAll',
            label: t('report.gmvAll'),
            numeric: true,
            sort: (r) => r.gmvAll.amount,
            render: (r) => fmtMoney(r.gmvAll, lang),
          },
          {
            key: 'gmvProduct',
            label: t('report.gmvProduct'),
            numeric: true,
            sort: (r) => r.gmvProduct.amount,
            render: (r) => fmtMoney(r.gmvProduct, lang),
          },
          {
            key: 'gmvTail',
            label: t('report.gmvTail'),
            numeric: true,
            sort: (r) => r.gmvTail.amount,
            render: (r) => fmtMoney(r.gmvTail, lang),
          },
          {
            key: 'orders',
            label: t('figure.orders'),
            numeric: true,
            sort: (r) => r.orders,
            render: (r) => fmtInt(r.orders, lang),
          },
          {
            key: 'units',
            label: t('figure.units'),
            numeric: true,
            sort: (r) => r.units,
            render: (r) => fmtInt(r.units, lang),
          },
          {
            key: 'perMin',
            label: t('report.perPinnedMinute'),
            numeric: true,
            sort: (r) => m(r.perPinnedMinute),
            render: (r) => fmtMoney(r.perPinnedMinute, lang),
          },
          {
            key: 'questions',
            label: t('report.questions'),
            numeric: true,
            sort: (r) => r.questions,
            render: (r) => r.questions,
          },
        ]}
      />
    </section>
  );
}

interface ProductRow {
  productId: string;
  gmvPinned: number;
  gmvNotPinned: number;
  units: number;
  refunds: number;
  currency: string;
}

function ProductTable(props: { recap: RecapBody; t: RecapT; lang: 'zh-CN' | 'en'; name: (id: string) => string }) {
  const { recap, t, lang } = props;
  const cur = recap.figures.paidGmv.currency;
  const rows = useMemo(() => {
    const map = new Map<string, ProductRow>();
    const row = (id: string) => {
      let r = map.get(id);
      if (!r) {
        r = { productId: id, gmvPinned: 0, gmvNotPinned: 0, units: 0, refunds: 0, currency: cur };
        map.set(id, r);
      }
      return r;
    };
    for (const p of recap.products) {
      if (p.pins === 0 && p.gmvPinned.amount === 0 && p.gmvNotPinned.amount === 0) continue;
      const r = row(p.productId);
      r.gmvPinned = p.gmvPinned.amount;
      r.gmvNotPinned = p.gmvNotPinned.amount;
    }
    for (const s of recap.productSales) {
      const r = row(s.productId);
      r.units = s.units;
      r.refunds = s.refunds.amount;
    }
    return [...map.values()];
  }, [recap, cur]);
  const money = (amount: number) => fmtMoney({ amount, currency: cur }, lang);
  return (
    <section aria-labelledby="recap-products">
      <h2 id="recap-products">{t('report.productTable')}</h2>
      <SortableTable<ProductRow>
        testId="product-table"
        caption={t('recap.tableCaption', { name: t('report.productTable') })}
        sortLabel={(col) => t('list.sort', { col })}
        rows={rows}
        rowKey={(r) => r.productId}
        initialSort={{ key: 'gmvPinned', desc: true }}
        columns={[
          {
            key: 'product',
            label: t('report.product'),
            sort: (r) => props.name(r.productId),
            render: (r) => props.name(r.productId),
          },
          {
            key: 'gmvPinned',
            label: t('report.gmvPinned'),
            numeric: true,
            sort: (r) => r.gmvPinned,
            render: (r) => money(r.gmvPinned),
          },
          {
            key: 'gmvNotPinned',
            label: t('report.gmvNotPinned'),
            numeric: true,
            sort: (r) => r.gmvNotPinned,
            render: (r) => money(r.gmvNotPinned),
          },
          {
            key: 'units',
            label: t('figure.units'),
            numeric: true,
            sort: (r) => r.units,
            render: (r) => fmtInt(r.units, lang),
          },
          {
            key: 'refunds',
            label: t('report.productRefunds'),
            numeric: true,
            sort: (r) => r.refunds,
            render: (r) => money(r.refunds),
          },
        ]}
      />
    </section>
  );
}

function Questions(props: { questions: QuestionsBody | null; t: RecapT; name: (id: string | null) => string }) {
  const { questions, t } = props;
  return (
    <section aria-labelledby="recap-questions" data-testid="questions">
      <h2 id="recap-questions">{t('report.questionsTitle')}</h2>
      {!questions ? (
        <p role="status" className="muted">
          {t('recap.questionsLoading')}
        </p>
      ) : (
        <>
          <p className="muted">
            {t('recap.comments', { comments: questions.comments, questions: questions.questions })}
          </p>
          <div className="recap-two">
            <table className="recap-table">
              <caption>{t('report.topQuestions')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('report.intent')}</th>
                  <th scope="col" className="num">
                    {t('report.asks')}
                  </th>
                  <th scope="col" className="num">
                    {t('report.askers')}
                  </th>
                  <th scope="col">{t('report.examples')}</th>
                </tr>
              </thead>
              <tbody>
                {questions.top.map((q) => (
                  <tr key={q.intent}>
                    <td>{t(`intent.${q.intent}`)}</td>
                    <td className="num">{q.asks}</td>
                    <td className="num">{q.askers}</td>
                    <td className="examples">{q.examples.join(' / ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="recap-table" data-testid="questions-by-product">
              <caption>{t('recap.byProduct')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('report.product')}</th>
                  <th scope="col" className="num">
                    {t('report.questions')}
                  </th>
                  <th scope="col" className="num">
                    {t('report.whilePinned')}
                  </th>
                  <th scope="col">{t('report.topQuestions')}</th>
                </tr>
              </thead>
              <tbody>
                {questions.perProduct.slice(0, 15).map((p) => (
                  <tr key={p.productId ?? '-'}>
                    <td>{props.name(p.productId)}</td>
                    <td className="num">{p.questions}</td>
                    <td className="num">
                      {p.productId === null
                        ? '—'
                        : fmtPercent(p.questions === 0 ? null : p.whilePinned / p.questions, 0)}
                    </td>
                    <td>
                      {p.topQuestions
                        .slice(0, 3)
                        .map((q) => `${t(`intent.${q.intent}`)} ${q.asks}`)
                        .join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <AnswersAndDemand questions={questions} t={t} name={props.name} />
        </>
      )}
    </section>
  );
}

/** Time to answer (radar groups) and what viewers asked for against what was shown. */
function AnswersAndDemand(props: { questions: QuestionsBody; t: RecapT; name: (id: string | null) => string }) {
  const { questions, t } = props;
  const a = questions.answerTimes;
  const demand = [...questions.demandVsPins].sort((x, y) => y.demandTotal - x.demandTotal).slice(0, 10);
  return (
    <>
      <p data-testid="answer-times">
        {t('recap.answerTimes', {
          groups: a.groups,
          byHost: a.answeredByHost,
          byPin: a.answeredByPin,
          unanswered: a.unanswered,
          median: a.medianMs === null ? '—' : fmtDuration(a.medianMs),
          p90: a.p90Ms === null ? '—' : fmtDuration(a.p90Ms),
        })}
      </p>
      {demand.length > 0 && (
        <table className="recap-table" data-testid="demand-vs-pins">
          <caption>{t('recap.demandVsPins')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.product')}</th>
              <th scope="col" className="num">
                {t('recap.demandSignals')}
              </th>
              <th scope="col" className="num">
                {t('recap.demandShare')}
              </th>
              <th scope="col" className="num">
                {t('recap.pinShare')}
              </th>
              <th scope="col" className="num" title={t('recap.demandGapHint')}>
                {t('recap.demandGap')}
              </th>
            </tr>
          </thead>
          <tbody>
            {demand.map((d) => (
              <tr key={d.productId}>
                <td>{props.name(d.productId)}</td>
                <td className="num">{d.demandTotal}</td>
                <td className="num">{fmtPercent(d.demandShare, 0)}</td>
                <td className="num">{fmtPercent(d.pinShare, 0)}</td>
                <td className="num">{`${d.gap > 0 ? '+' : ''}${Math.round(d.gap * 100)}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
