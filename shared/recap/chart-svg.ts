/**
 * The per-minute chart as inline SVG for the printable report (no script, prints crisply): GMV bars and
 * viewers line above, comments per minute below, pin bands labeled, feed gaps hatched and left empty.
 */
import type { ChartModel } from './chart-model';
import { fmtClock } from './format';
import { escapeHtml } from './html';

export interface SvgLabels {
  gmv: string;
  viewers: string;
  chat: string;
  gap: string;
}

const BAND_FILLS = ['#fde2e7', '#e3ecfd', '#e6f6ea', '#fdf1d9', '#efe5fb'];
const W = 960;
const LEFT = 56;
const RIGHT = 56;
const TOP = 40;
const MAIN_H = 200;
const GAP_H = 18;
const CHAT_H = 64;
const BOTTOM = 44;
export const CHART_SVG_HEIGHT = TOP + MAIN_H + GAP_H + CHAT_H + BOTTOM;

const niceMax = (v: number): number => {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
};
const n1 = (v: number) => (Math.round(v * 10) / 10).toString();

function linePath(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${n1(x(i))} ${n1(y(v))}`;
    pen = true;
  });
  return d;
}

export function chartSvg(model: ChartModel, labels: SvgLabels): string {
  const n = Math.max(1, model.starts.length);
  const plotW = W - LEFT - RIGHT;
  const step = plotW / n;
  const xMid = (i: number) => LEFT + (i + 0.5) * step;
  const xAt = (m: number) => LEFT + m * step;
  const gmvMax = niceMax(Math.max(0, ...model.gmv.map((v) => v ?? 0)));
  const viewersMax = niceMax(Math.max(0, ...model.viewers.map((v) => v ?? 0)));
  const chatMax = niceMax(Math.max(0, ...model.chat.map((v) => v ?? 0)));
  const yG = (v: number) => TOP + MAIN_H - (v / gmvMax) * MAIN_H;
  const yV = (v: number) => TOP + MAIN_H - (v / viewersMax) * MAIN_H;
  const chatTop = TOP + MAIN_H + GAP_H;
  const yC = (v: number) => chatTop + CHAT_H - (v / chatMax) * CHAT_H;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${CHART_SVG_HEIGHT}" width="100%" role="img" font-family="'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',sans-serif" font-size="11">`,
    '<defs><pattern id="gap-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f1f1f1"/><line x1="0" y1="0" x2="0" y2="6" stroke="#9a9a9a" stroke-width="2"/></pattern></defs>',
  );
  // pin bands behind everything, labeled when there is room
  model.pins.forEach((b, k) => {
    const x0 = xAt(b.from);
    const w = Math.max(0.5, xAt(b.to) - x0);
    out.push(
      `<rect x="${n1(x0)}" y="${TOP}" width="${n1(w)}" height="${MAIN_H}" fill="${BAND_FILLS[k % BAND_FILLS.length]}" data-pin="${escapeHtml(b.productId)}"/>`,
    );
    const chars = [...b.label].reduce((a, c) => a + (c.charCodeAt(0) > 0x2e80 ? 11 : 6.5), 0);
    if (w >= chars + 6) {
      out.push(`<text x="${n1(x0 + 3)}" y="${TOP + 13}" fill="#333">${escapeHtml(b.label)}</text>`);
    } else if (w >= 14) {
      out.push(
        `<text x="${n1(x0 + 3)}" y="${TOP + 13}" fill="#333">${escapeHtml([...b.label].slice(0, Math.max(1, Math.floor((w - 4) / 11))).join(''))}</text>`,
      );
    }
  });
  for (const g of model.gaps) {
    const x0 = xAt(g.from);
    const w = xAt(g.to) - x0;
    out.push(
      `<rect x="${n1(x0)}" y="${TOP}" width="${n1(w)}" height="${MAIN_H + GAP_H + CHAT_H}" fill="url(#gap-hatch)" data-gap="${g.from}-${g.to}"/>`,
    );
  }
  // axes and grid
  for (let k = 0; k <= 4; k++) {
    const y = TOP + (MAIN_H * k) / 4;
    out.push(`<line x1="${LEFT}" y1="${y}" x2="${W - RIGHT}" y2="${y}" stroke="#ddd" stroke-width="0.6"/>`);
    out.push(`<text x="${LEFT - 4}" y="${y + 4}" text-anchor="end" fill="#555">${n1(gmvMax * (1 - k / 4))}</text>`);
    out.push(`<text x="${W - RIGHT + 4}" y="${y + 4}" fill="#1d5fbf">${Math.round(viewersMax * (1 - k / 4))}</text>`);
  }
  out.push(`<text x="${W - RIGHT + 4}" y="${chatTop + 8}" fill="#7a4bc2">${chatMax}</text>`);
  out.push(`<text x="${W - RIGHT + 4}" y="${chatTop + CHAT_H + 4}" fill="#7a4bc2">0</text>`);
  out.push(
    `<line x1="${LEFT}" y1="${chatTop + CHAT_H}" x2="${W - RIGHT}" y2="${chatTop + CHAT_H}" stroke="#bbb" stroke-width="0.8"/>`,
  );
  // GMV bars
  const barW = Math.max(0.6, step * 0.7);
  model.gmv.forEach((v, i) => {
    if (v === null || v <= 0) return;
    const y = yG(v);
    out.push(
      `<rect x="${n1(xMid(i) - barW / 2)}" y="${n1(y)}" width="${n1(barW)}" height="${n1(TOP + MAIN_H - y)}" fill="#e8364f"/>`,
    );
  });
  out.push(
    `<path d="${linePath(model.viewers, xMid, yV)}" fill="none" stroke="#1d5fbf" stroke-width="1.6" stroke-linejoin="round"/>`,
  );
  out.push(
    `<path d="${linePath(model.chat, xMid, yC)}" fill="none" stroke="#7a4bc2" stroke-width="1.2" stroke-linejoin="round"/>`,
  );
  // time ticks
  const ticks = Math.min(8, n);
  for (let k = 0; k <= ticks; k++) {
    const i = Math.min(n - 1, Math.round(((n - 1) * k) / ticks));
    if (model.starts[i] === undefined) continue;
    out.push(
      `<text x="${n1(xMid(i))}" y="${chatTop + CHAT_H + 16}" text-anchor="middle" fill="#555">${fmtClock(model.starts[i])}</text>`,
    );
  }
  // legend
  const ly = CHART_SVG_HEIGHT - 10;
  const legend: [string, string, string][] = [
    ['rect', '#e8364f', labels.gmv],
    ['line', '#1d5fbf', labels.viewers],
    ['line', '#7a4bc2', labels.chat],
    ['gap', 'url(#gap-hatch)', labels.gap],
  ];
  let lx = LEFT;
  for (const [kind, color, text] of legend) {
    out.push(
      kind === 'line'
        ? `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 16}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/>`
        : `<rect x="${lx}" y="${ly - 10}" width="16" height="10" fill="${color}"/>`,
    );
    out.push(`<text x="${lx + 20}" y="${ly}" fill="#333">${escapeHtml(text)}</text>`);
    lx += 28 + [...text].reduce((a, c) => a + (c.charCodeAt(0) > 0x2e80 ? 11 : 6.2), 0) + 14;
  }
  out.push('</svg>');
  return out.join('');
}
