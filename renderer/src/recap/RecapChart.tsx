/**
 * The per-minute chart (ECharts): GMV bars and viewers line above, comments per minute below, pin
 * segments as labeled bands, feed gaps as hatched bands with null values (drawn as gaps, never
 * interpolated). Hover shows the minute; dragging selects a span (onRange gets row indexes); a click
 * picks a moment for the recording player (a pin band's start, else the minute's start), and the
 * player's position is drawn as a line that follows it.
 */
import { useEffect, useRef } from 'react';
import type { ChartModel } from '../../../shared/recap/chart-model';
import { fmtClock } from '../../../shared/recap/format';
import { echarts } from './echarts';
import type { RecapT } from './i18n';

const BAND_COLORS = [
  'rgba(255,77,106,0.16)',
  'rgba(124,196,255,0.16)',
  'rgba(61,220,151,0.14)',
  'rgba(255,204,77,0.14)',
];
const TEXT = '#f2f2f5';
const MUTED = '#b8bcc8';

export function RecapChart(props: {
  model: ChartModel;
  t: RecapT;
  onRange: (range: { first: number; last: number } | null) => void;
  /** a click on the chart: the studio-clock moment picked */
  onPick?: (at: number) => void;
  /** the recording player's position on the studio clock */
  playhead?: number | null;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ReturnType<typeof echarts.init> | null>(null);
  const onRange = useRef(props.onRange);
  onRange.current = props.onRange;
  const onPick = useRef(props.onPick);
  onPick.current = props.onPick;
  const { model, t } = props;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.dataset.drawn = 'false';
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    const n = model.starts.length;
    const x = (i: number) => i + 0.5;
    const pair = (values: (number | null)[]) => values.map((v, i) => [x(i), v]);
    chart.on('finished', () => {
      el.dataset.drawn = 'true';
      // where the minute axis runs on screen (px from the chart's left edge), for tests and tools
      const [x0] = chart.convertToPixel({ gridIndex: 0 }, [0, 0]) as number[];
      const [x1] = chart.convertToPixel({ gridIndex: 0 }, [Math.max(1, n), 0]) as number[];
      el.dataset.plotX = `${x0.toFixed(1)},${x1.toFixed(1)}`;
    });
    chart.setOption({
      animation: false,
      textStyle: { color: TEXT, fontFamily: 'inherit' },
      legend: { top: 0, textStyle: { color: TEXT }, data: [t('chart.gmv'), t('chart.viewers'), t('chart.chat')] },
      grid: [
        { left: 64, right: 64, top: 36, height: '58%' },
        { left: 64, right: 64, top: '76%', bottom: 28 },
      ],
      xAxis: [0, 1].map((gridIndex) => ({
        type: 'value',
        gridIndex,
        min: 0,
        max: Math.max(1, n),
        axisLabel: {
          show: gridIndex === 1,
          color: MUTED,
          formatter: (v: number) =>
            model.starts[Math.floor(v)] === undefined ? '' : fmtClock(model.starts[Math.floor(v)]),
        },
        splitLine: { show: false },
      })),
      yAxis: [
        {
          type: 'value',
          gridIndex: 0,
          name: t('chart.gmv'),
          nameTextStyle: { color: MUTED },
          axisLabel: { color: MUTED },
          splitLine: { lineStyle: { color: '#353a48' } },
        },
        {
          type: 'value',
          gridIndex: 0,
          name: t('chart.viewers'),
          nameTextStyle: { color: MUTED },
          axisLabel: { color: MUTED },
          splitLine: { show: false },
        },
        {
          type: 'value',
          gridIndex: 1,
          name: t('chart.chat'),
          nameTextStyle: { color: MUTED },
          axisLabel: { color: MUTED },
          splitLine: { show: false },
          splitNumber: 2,
        },
      ],
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'line' },
        backgroundColor: '#262a35',
        borderColor: '#353a48',
        textStyle: { color: TEXT },
        formatter: (items: { dataIndex: number }[]) => {
          const i = items[0]?.dataIndex;
          if (i === undefined || model.starts[i] === undefined) return '';
          const dash = (v: number | null) => (v === null ? '—' : String(v));
          const band = model.pins.find((b) => b.from <= i + 0.5 && b.to > i + 0.5);
          const gap = model.gaps.some((g) => g.from <= i && g.to > i);
          const esc = (s: string) => s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
          return [
            `<b>${fmtClock(model.starts[i])}</b>${band ? ` · ${esc(band.label)}` : ''}`,
            `${t('chart.gmv')}: ${model.gmv[i] === null ? '—' : (model.gmv[i] as number).toFixed(2)}`,
            `${t('chart.viewers')}: ${dash(model.viewers[i])}`,
            `${t('chart.chat')}: ${dash(model.chat[i])}`,
            gap ? `<i>${t('chart.gap')}</i>` : '',
          ]
            .filter(Boolean)
            .join('<br/>');
        },
      },
      brush: {
        xAxisIndex: [0, 1],
        brushType: 'lineX',
        brushMode: 'single',
        outOfBrush: { colorAlpha: 0.35 },
        throttleType: 'debounce',
        throttleDelay: 150,
        brushStyle: { color: 'rgba(124,196,255,0.18)', borderColor: '#7cc4ff' },
      },
      series: [
        {
          name: t('chart.gmv'),
          type: 'bar',
          xAxisIndex: 0,
          yAxisIndex: 0,
          barWidth: '70%',
          barMaxWidth: 24,
          itemStyle: { color: '#ff4d6a' },
          data: pair(model.gmv),
        },
        {
          name: t('chart.viewers'),
          type: 'line',
          xAxisIndex: 0,
          yAxisIndex: 1,
          showSymbol: false,
          connectNulls: false,
          lineStyle: { color: '#7cc4ff', width: 2 },
          itemStyle: { color: '#7cc4ff' },
          data: pair(model.viewers),
          // Bands on the line series: on the bar series ECharts squeezes them into the bars' band width.
          markArea: {
            silent: true,
            data: [
              ...model.pins.map((b, k) => [
                {
                  xAxis: b.from,
                  name: b.label,
                  itemStyle: { color: BAND_COLORS[k % BAND_COLORS.length] },
                  label: { color: TEXT, position: 'insideTop', fontSize: 11 },
                },
                { xAxis: b.to },
              ]),
              ...model.gaps.map((g) => [
                {
                  xAxis: g.from,
                  name: t('chart.gap'),
                  itemStyle: {
                    color: 'rgba(184,188,200,0.25)',
                    borderColor: '#b8bcc8',
                    borderType: 'dashed',
                    borderWidth: 1,
                  },
                  label: { color: TEXT, position: 'insideBottom', fontSize: 11 },
                },
                { xAxis: g.to },
              ]),
            ],
          },
        },
        {
          name: t('chart.chat'),
          type: 'line',
          xAxisIndex: 1,
          yAxisIndex: 2,
          showSymbol: false,
          connectNulls: false,
          lineStyle: { color: '#c9a7ff', width: 1.5 },
          itemStyle: { color: '#c9a7ff' },
          areaStyle: { color: 'rgba(201,167,255,0.15)' },
          data: pair(model.chat),
        },
      ],
    });
    chart.dispatchAction({
      type: 'takeGlobalCursor',
      key: 'brush',
      brushOption: { brushType: 'lineX', brushMode: 'single' },
    });
    chart.on('brushEnd', (e: unknown) => {
      const area = (e as { areas?: { coordRange?: [number, number] }[] }).areas?.[0];
      if (!area?.coordRange) {
        onRange.current(null);
        return;
      }
      const [a, b] = area.coordRange;
      const first = Math.max(0, Math.floor(Math.min(a, b)));
      const last = Math.min(n - 1, Math.ceil(Math.max(a, b)) - 1);
      onRange.current(last >= first ? { first, last } : null);
    });
    // A click (press and release without dragging) picks a moment for the player. Read from the DOM:
    // the brush owns ECharts' own mouse handling for dragging.
    // Positions relative to the chart's box (an event's offsetX is relative to whichever child it hit).
    const at = (e: PointerEvent) => {
      const box = el.getBoundingClientRect();
      return { x: e.clientX - box.left, y: e.clientY - box.top };
    };
    let down: { x: number; y: number } | null = null;
    const press = (e: PointerEvent) => {
      down = at(e);
    };
    const release = (e: PointerEvent) => {
      const from = down;
      const to = at(e);
      down = null;
      if (!from || Math.abs(to.x - from.x) > 4 || Math.abs(to.y - from.y) > 4) return;
      const [x] = chart.convertFromPixel({ gridIndex: 0 }, [to.x, to.y]) as number[];
      if (!(x >= 0 && x < n) || model.starts.length === 0) return;
      const band = model.pins.find((b) => x >= b.from && x < b.to);
      onPick.current?.(band ? Math.round(model.starts[0] + band.from * 60_000) : model.starts[Math.floor(x)]);
    };
    el.addEventListener('pointerdown', press, true);
    el.addEventListener('pointerup', release, true);
    chartRef.current = chart;
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      el.removeEventListener('pointerdown', press, true);
      el.removeEventListener('pointerup', release, true);
      chartRef.current = null;
      resize.disconnect();
      chart.dispose();
    };
  }, [model, t]);

  const playheadX =
    props.playhead == null || model.starts.length === 0 ? null : (props.playhead - model.starts[0]) / 60_000;
  useEffect(() => {
    chartRef.current?.setOption({
      series: [
        {},
        {
          markLine: {
            silent: true,
            symbol: 'none',
            animation: false,
            label: { show: false },
            lineStyle: { color: '#ffffff', width: 2, type: 'solid' },
            data: playheadX === null ? [] : [{ xAxis: playheadX }],
          },
        },
      ],
    });
  }, [playheadX]);

  return (
    <div
      ref={ref}
      className="recap-chart"
      role="img"
      aria-label={t('chart.label')}
      data-testid="recap-chart"
      data-minutes={model.starts.length}
      data-pin-bands={model.pins.map((b) => `${b.productId}@${b.from.toFixed(2)}-${b.to.toFixed(2)}`).join(';')}
      data-gaps={model.gaps.map((g) => `${g.from}-${g.to}`).join(';')}
      data-playhead={playheadX === null ? '' : playheadX.toFixed(3)}
      style={{ height: props.height ?? 380 }}
    />
  );
}
