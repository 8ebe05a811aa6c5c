/**
 * The report's order-truth parts, as escaped HTML: whether the figures are reconciled with the platform's
 * books (已对账 / 暂估), the refunds that came after the show with their dates, sales by channel and the
 * top 推客. The console's recap view shows the same things with the same labels.
 */
import { CHANNELS } from '../metrics/types';
import { fmtDateTime, fmtInt, fmtMoney, fmtPercent } from './format';
import { escapeHtml as e } from './html';
import { FIGURE_LABELS, fill, REPORT_LABELS, type RecapLang } from './labels';
import type { RecapBody } from './types';

/** "已对账：file（time）" or "暂估…", as every output says it. */
export function booksLabel(recap: Pick<RecapBody, 'reconciled'>, lang: RecapLang): string {
  const L = REPORT_LABELS[lang];
  const r = recap.reconciled;
  return r === null ? L.provisionalBooks : fill(L.reconciled, { file: r.source, at: fmtDateTime(r.at) });
}

/** Each refund after the show: its date, amount, order and whether the feed or an export brought it. */
export function lateRefundRows(recap: Pick<RecapBody, 'lateRefunds'>, lang: RecapLang): string[] {
  const L = REPORT_LABELS[lang];
  return recap.lateRefunds.list.map((r) =>
    fill(L.lateRefundRow, {
      at: fmtDateTime(r.at),
      amount: fmtMoney(r.amount, lang),
      orderId: r.orderId,
      source: L[`source.${r.source}`],
    }),
  );
}

const table = (name: string, heads: string[], rows: string[][]): string =>
  `<table data-table="${name}"><thead><tr>${heads.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

export function renderOrderTruth(recap: RecapBody, lang: RecapLang, name: (id: string) => string): string {
  const L = REPORT_LABELS[lang];
  const F = FIGURE_LABELS[lang];
  const parts: string[] = [];
  const late = lateRefundRows(recap, lang);
  if (late.length > 0)
    parts.push(`<ul class="note" data-late-refund-list>${late.map((l) => `<li>${e(l)}</li>`).join('')}</ul>`);
  parts.push(
    `<section><h2>${e(L.channels)}</h2>`,
    table(
      'channels',
      [L.channel, F.paidGmv, F.settledGmv, F.orders, L.channelShare],
      recap.channels.map((c) => [
        L[`channel.${c.channel}`],
        fmtMoney(c.paidGmv, lang),
        fmtMoney(c.settledGmv, lang),
        fmtInt(c.orders, lang),
        fmtPercent(c.share),
      ]),
    ),
  );
  if (recap.productChannels.length > 0) {
    parts.push(
      `<h2>${e(L.productChannels)}</h2>`,
      table(
        'product-channels',
        [L.product, ...CHANNELS.map((c) => L[`channel.${c}`])],
        recap.productChannels.map((p) => [name(p.productId), ...CHANNELS.map((c) => fmtMoney(p.gmv[c], lang))]),
      ),
    );
  }
  if (recap.sharers.length > 0) {
    parts.push(
      `<h2>${e(L.sharers)}</h2>`,
      table(
        'sharers',
        [L.sharer, F.paidGmv, F.orders, L.commission],
        recap.sharers.map((s) => [
          s.sharerName ?? s.sharerId,
          fmtMoney(s.paidGmv, lang),
          fmtInt(s.orders, lang),
          s.commission === null ? '—' : fmtMoney(s.commission, lang),
        ]),
      ),
    );
  }
  parts.push('</section>');
  return parts.join('');
}
