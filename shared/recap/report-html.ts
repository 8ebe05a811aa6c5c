/**
 * The shareable recap as one self-contained printable HTML page: headline figures with their changes,
 * the per-minute chart as inline SVG, the pin, product and question tables. Every piece of text is
 * escaped; no script, no external resource, so it prints (and Chromium turns it into a PDF) as is.
 */
import { chartModel, productLabel } from './chart-model';
import { chartSvg } from './chart-svg';
import { compareFigure, figureNumber, HEADLINE_KEYS } from './compare';
import { fmtChange, fmtDateTime, fmtDuration, fmtFigure, fmtInt, fmtMoney, fmtPercent } from './format';
import { escapeHtml as e } from './html';
import { FIGURE_LABELS, fill, INTENT_NAMES, REPORT_LABELS, type RecapLang } from './labels';
import { pinLedger } from './pin-ledger';
import { booksLabel, renderOrderTruth } from './report-channels';
import type { CompareBody, QuestionsBody, RecapBody } from './types';

export interface ReportInput {
  recap: RecapBody;
  compare: CompareBody | null;
  questions: QuestionsBody | null;
  lang: RecapLang;
  generatedAt: number;
}

const CSS = `
@page { size: A4; margin: 12mm 11mm; }
* { box-sizing: border-box; }
body { margin: 0; color: #16181d; background: #fff; font: 12px/1.45 "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; }
main { max-width: 190mm; margin: 0 auto; padding: 8px; }
h1 { font-size: 20px; margin: 0 0 2px; }
h2 { font-size: 14px; margin: 18px 0 6px; border-bottom: 2px solid #e8364f; padding-bottom: 2px; break-after: avoid; }
.meta { color: #444; margin: 0 0 8px; }
.note { background: #fff6db; border-left: 4px solid #c98a00; padding: 4px 8px; margin: 4px 0; }
.tag { font-size: 14px; font-weight: 600; color: #5b3a00; background: #ffe7a3; border-radius: 4px; padding: 1px 6px; vertical-align: middle; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 6px; }
.fig { border: 1px solid #d9dbe1; border-radius: 6px; padding: 6px 8px; break-inside: avoid; }
.fig .k { color: #444; font-size: 11px; }
.fig .v { font-size: 16px; font-weight: 700; font-variant-numeric: tabular-nums; }
.fig .c { font-size: 10.5px; color: #444; }
.up { color: #b3261e; } .down { color: #1b6e3a; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid #e2e4e9; padding: 3px 5px; text-align: right; vertical-align: top; }
th { background: #f3f4f7; font-weight: 600; font-size: 10px; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
tr { break-inside: avoid; }
.chart { break-inside: avoid; }
.q td:last-child { text-align: left; color: #333; }
footer { margin-top: 14px; color: #666; font-size: 10.5px; }
`;

export function renderReport(input: ReportInput): string {
  const { recap, compare, questions, lang } = input;
  const L = REPORT_LABELS[lang];
  const F = FIGURE_LABELS[lang];
  const name = (id: string | null) =>
    id === null ? L.noProduct : productLabel(id, recap.catalogue, 24, L.unknownProduct);
  const s = recap.session;
  const end = s.endedAt ?? recap.window.end;
  const parts: string[] = [];
  parts.push(
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${e(`${L.reportTitle} · ${s.title}`)}</title><style>${CSS}</style></head><body><main>`,
    `<h1>${e(L.reportTitle)} · ${e(s.title)}${s.rehearsal ? ` <span class="tag">${e(L.rehearsal)}</span>` : ''}</h1>`,
    `<p class="meta">${e(L.date)}: ${e(fmtDateTime(s.startedAt))} – ${e(fmtDateTime(end))} · ${e(L.duration)} ${e(fmtDuration(end - s.startedAt))}</p>`,
  );
  parts.push(`<p class="note" data-books>${e(booksLabel(recap, lang))}</p>`);
  if (recap.running) parts.push(`<p class="note">${e(L.provisional)}</p>`);
  if (recap.lateRefunds.count > 0) {
    parts.push(
      `<p class="note" data-late-refunds>${e(
        fill(L.lateRefunds, {
          count: recap.lateRefunds.count,
          amount: fmtMoney(recap.lateRefunds.amount, lang),
          atEnd: fmtMoney(recap.lateRefunds.settledAtEnd, lang),
        }),
      )}</p>`,
    );
  }
  if (recap.incomplete.incompleteMinutes > 0)
    parts.push(`<p class="note">${e(fill(L.incompleteMinutes, { n: recap.incomplete.incompleteMinutes }))}</p>`);
  if (recap.incomplete.money)
    parts.push(`<p class="note">${e(fill(L.moneyIncomplete, { n: recap.incomplete.ordersWithoutAmount }))}</p>`);

  // headline figures
  parts.push('<section class="figures">');
  for (const key of HEADLINE_KEYS) {
    const value = recap.figures[key];
    const num = figureNumber(recap.figures, key);
    const prev = compare ? compareFigure(num, compare.previous.figures[key]) : null;
    const avg = compare ? compareFigure(num, compare.last7.figures[key]) : null;
    const cls = (c: number | null) => (c === null ? '' : c > 0 ? 'up' : c < 0 ? 'down' : '');
    parts.push(
      `<div class="fig" data-figure="${key}"><div class="k">${e(F[key])}</div><div class="v">${e(fmtFigure(key, value, lang))}</div>`,
      prev
        ? `<div class="c">${e(L.vsPrevious)} <span class="${cls(prev.change)}">${e(fmtChange(prev.change))}</span> · ${e(L.vsAverage)} <span class="${cls(avg?.change ?? null)}">${e(fmtChange(avg?.change ?? null))}</span></div>`
        : '',
      '</div>',
    );
  }
  parts.push('</section>');

  // chart
  parts.push(
    `<section class="chart"><h2>${e(L.chart)}</h2>`,
    chartSvg(chartModel(recap.minutes, recap.segments, recap.catalogue), {
      gmv: L.chartLegendGmv,
      viewers: L.chartLegendViewers,
      chat: L.chartLegendChat,
      gap: L.chartLegendGap,
    }),
    '</section>',
  );

  parts.push(renderOrderTruth(recap, lang, (id) => name(id)));

  // pin ledger
  const pins = pinLedger(recap.segments, recap.figures.paidGmv.currency);
  parts.push(
    `<section><h2>${e(L.pinTable)}</h2><table data-table="pins"><thead><tr>`,
    [L.product, L.pins, L.pinTime, L.gmvAll, L.gmvProduct, L.gmvTail, F.orders, F.units, L.perPinnedMinute, L.questions]
      .map((h) => `<th>${e(h)}</th>`)
      .join(''),
    '</tr></thead><tbody>',
  );
  if (pins.length === 0) parts.push(`<tr><td colspan="10">${e(L.none)}</td></tr>`);
  for (const r of pins) {
    parts.push(
      `<tr><td>${e(name(r.productId))}</td><td>${r.pins}</td><td>${e(fmtDuration(r.pinnedMs))}</td><td>${e(fmtMoney(r.gmvAll, lang))}</td><td>${e(fmtMoney(r.gmvProduct, lang))}</td><td>${e(fmtMoney(r.gmvTail, lang))}</td><td>${e(fmtInt(r.orders, lang))}</td><td>${e(fmtInt(r.units, lang))}</td><td>${e(fmtMoney(r.perPinnedMinute, lang))}</td><td>${r.questions}</td></tr>`,
    );
  }
  parts.push('</tbody></table></section>');

  // products
  const sales = new Map(recap.productSales.map((p) => [p.productId, p]));
  const productIds = [...new Set([...recap.products.map((p) => p.productId), ...sales.keys()])];
  const pf = new Map(recap.products.map((p) => [p.productId, p]));
  parts.push(
    `<section><h2>${e(L.productTable)}</h2><table data-table="products"><thead><tr>`,
    [L.product, L.gmvPinned, L.gmvNotPinned, F.units, L.productRefunds].map((h) => `<th>${e(h)}</th>`).join(''),
    '</tr></thead><tbody>',
  );
  const rows = productIds
    .map((id) => ({ id, p: pf.get(id), s: sales.get(id) }))
    .filter((r) => (r.p && (r.p.gmvPinned.amount > 0 || r.p.gmvNotPinned.amount > 0 || r.p.pins > 0)) || r.s)
    .sort(
      (a, b) =>
        (b.p?.gmvPinned.amount ?? 0) +
        (b.p?.gmvNotPinned.amount ?? 0) -
        ((a.p?.gmvPinned.amount ?? 0) + (a.p?.gmvNotPinned.amount ?? 0)),
    );
  if (rows.length === 0) parts.push(`<tr><td colspan="5">${e(L.none)}</td></tr>`);
  for (const { id, p, s: sale } of rows) {
    parts.push(
      `<tr><td>${e(name(id))}</td><td>${e(fmtMoney(p?.gmvPinned ?? null, lang))}</td><td>${e(fmtMoney(p?.gmvNotPinned ?? null, lang))}</td><td>${e(fmtInt(sale?.units ?? 0, lang))}</td><td>${e(fmtMoney(sale?.refunds ?? null, lang))}</td></tr>`,
    );
  }
  parts.push('</tbody></table></section>');

  // questions
  if (questions) {
    const I = INTENT_NAMES[lang];
    parts.push(
      `<section><h2>${e(L.questionsTitle)} (${fmtInt(questions.questions, lang)})</h2><table class="q" data-table="top-questions"><thead><tr>`,
      [L.intent, L.asks, L.askers, L.examples].map((h) => `<th>${e(h)}</th>`).join(''),
      '</tr></thead><tbody>',
    );
    if (questions.top.length === 0) parts.push(`<tr><td colspan="4">${e(L.none)}</td></tr>`);
    for (const q of questions.top) {
      parts.push(
        `<tr><td>${e(I[q.intent] ?? q.intent)}</td><td>${q.asks}</td><td>${q.askers}</td><td>${e(q.examples.join(' / '))}</td></tr>`,
      );
    }
    parts.push('</tbody></table>');
    parts.push(
      `<table class="q" data-table="questions-by-product" style="margin-top:8px"><thead><tr>`,
      [L.product, L.questions, L.whilePinned, L.topQuestions].map((h) => `<th>${e(h)}</th>`).join(''),
      '</tr></thead><tbody>',
    );
    for (const p of questions.perProduct.slice(0, 20)) {
      parts.push(
        `<tr><td>${e(name(p.productId))}</td><td>${p.questions}</td><td>${p.productId === null ? '—' : e(fmtPercent(p.questions === 0 ? null : p.whilePinned / p.questions, 0))}</td><td>${e(
          p.topQuestions
            .slice(0, 3)
            .map((t) => `${I[t.intent] ?? t.intent} ${t.asks}`)
            .join(' · '),
        )}</td></tr>`,
      );
    }
    parts.push('</tbody></table></section>');
  }
  if (recap.anomalies.length > 0)
    parts.push(`<p class="note">${e(fill(L.anomalies, { n: recap.anomalies.length }))}</p>`);
  parts.push(
    `<footer>Maishou Studio · ${e(fill(L.generated, { at: fmtDateTime(input.generatedAt) }))}</footer></main></body></html>`,
  );
  return parts.join('');
}
