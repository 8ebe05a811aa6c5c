/** Two sessions side by side: headline figures with the change, and per-minute curves aligned from the start. */
import { useEffect, useRef, useState } from 'react';
import { compareFigure, figureNumber, HEADLINE_KEYS } from '../../../shared/recap/compare';
import { fmtChange, fmtDateTime, fmtFigure } from '../../../shared/recap/format';
import type { RecapBody } from '../../../shared/recap/types';
import { useStudio } from '../store/studio';
import { recapApi } from './api';
import { echarts } from './echarts';
import { useRecapT } from './i18n';
import { BackLink, RecapError } from './RecapFrame';

export function ComparePage(props: { a: string; b: string }) {
  const t = useRecapT();
  const lang = useStudio((s) => s.language);
  const [pair, setPair] = useState<[RecapBody, RecapBody] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chartRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    Promise.all([recapApi.recap(props.a), recapApi.recap(props.b)]).then(setPair, (e: Error) => setError(e.message));
  }, [props.a, props.b]);
  useEffect(() => {
    const el = chartRef.current;
    if (!el || !pair) return;
    const chart = echarts.init(el);
    const series = pair.flatMap((r, k) => {
      const color = k === 0 ? '#ff4d6a' : '#7cc4ff';
      const label = `${k === 0 ? 'A' : 'B'} ${r.session.title}`;
      return [
        {
          name: `${label} · ${t('chart.gmv')}`,
          type: 'line' as const,
          yAxisIndex: 0,
          showSymbol: false,
          connectNulls: false,
          lineStyle: { color, width: 2 },
          itemStyle: { color },
          data: r.minutes.map((m, i) => [i, m.incomplete ? null : m.paidGmv.amount / 100]),
        },
        {
          name: `${label} · ${t('chart.viewers')}`,
          type: 'line' as const,
          yAxisIndex: 1,
          showSymbol: false,
          connectNulls: false,
          lineStyle: { color, width: 1.5, type: 'dashed' as const },
          itemStyle: { color },
          data: r.minutes.map((m, i) => [i, m.incomplete ? null : m.viewers]),
        },
      ];
    });
    chart.on('finished', () => {
      el.dataset.drawn = 'true';
    });
    chart.setOption({
      animation: false,
      textStyle: { color: '#f2f2f5' },
      legend: { top: 0, textStyle: { color: '#f2f2f5' } },
      grid: { left: 64, right: 64, top: 56, bottom: 32 },
      tooltip: { trigger: 'axis', backgroundColor: '#262a35', textStyle: { color: '#f2f2f5' } },
      xAxis: {
        type: 'value',
        min: 0,
        axisLabel: { color: '#b8bcc8', formatter: (v: number) => t('compare.minute', { n: v + 1 }) },
      },
      yAxis: [
        {
          type: 'value',
          name: t('chart.gmv'),
          axisLabel: { color: '#b8bcc8' },
          splitLine: { lineStyle: { color: '#353a48' } },
        },
        { type: 'value', name: t('chart.viewers'), axisLabel: { color: '#b8bcc8' }, splitLine: { show: false } },
      ],
      series,
    });
    return () => chart.dispose();
  }, [pair, t]);
  const back = <BackLink t={t} />;
  if (error) return <RecapError t={t} error={error} />;
  if (!pair)
    return (
      <section className="view">
        {back}
        <p role="status">{t('recap.loading')}</p>
      </section>
    );
  const [A, B] = pair;
  return (
    <section className="view recap" aria-labelledby="compare-title" data-testid="compare-page">
      {back}
      <h1 id="compare-title">{t('compare.title')}</h1>
      <table className="recap-table" data-testid="compare-table">
        <thead>
          <tr>
            <th scope="col">{t('compare.figure')}</th>
            <th scope="col" className="num">
              A · {A.session.title}
              <br />
              <small>{fmtDateTime(A.session.startedAt)}</small>
            </th>
            <th scope="col" className="num">
              B · {B.session.title}
              <br />
              <small>{fmtDateTime(B.session.startedAt)}</small>
            </th>
            <th scope="col" className="num">
              {t('compare.diff')} (B/A)
            </th>
          </tr>
        </thead>
        <tbody>
          {HEADLINE_KEYS.map((key) => {
            const c = compareFigure(figureNumber(B.figures, key), figureNumber(A.figures, key));
            return (
              <tr key={key} data-figure={key}>
                <th scope="row">{t(`figure.${key}`)}</th>
                <td className="num">{fmtFigure(key, A.figures[key], lang)}</td>
                <td className="num">{fmtFigure(key, B.figures[key], lang)}</td>
                <td className={`num change ${c.change === null ? 'flat' : c.change > 0 ? 'up' : 'down'}`}>
                  {fmtChange(c.change)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>{t('compare.curves')}</h2>
      <div
        ref={chartRef}
        className="recap-chart"
        role="img"
        aria-label={t('compare.curves')}
        data-testid="compare-chart"
        style={{ height: 360 }}
      />
    </section>
  );
}
