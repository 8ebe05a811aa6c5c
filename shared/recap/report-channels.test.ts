import { describe, expect, it } from 'vitest';
import type { ChannelFigures, ProductChannels, SharerFigures } from '../metrics/channels';
import { fmtDateTime } from './format';
import { booksLabel, lateRefundRows, renderOrderTruth } from './report-channels';
import type { RecapBody } from './types';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const AT = new Date(2026, 11, 6, 9, 30).getTime();

function channel(c: ChannelFigures['channel'], paid: number, share: number | null): ChannelFigures {
  return { channel: c, paidGmv: cny(paid), settledGmv: cny(paid), orders: 1, buyers: 1, share };
}

function recap(over: Partial<RecapBody> = {}): RecapBody {
  return {
    reconciled: null,
    lateRefunds: { count: 0, list: [], amount: cny(0), settledAtEnd: cny(0) },
    channels: [channel('live', 29_900, 0.75), channel('share', 9_966, 0.25)],
    sharers: [],
    productChannels: [],
    ...over,
  } as RecapBody;
}

describe('booksLabel', () => {
  it('says provisional until the session is reconciled, then names the file and the time', () => {
    expect(booksLabel(recap(), 'zh-CN')).toBe('暂估：尚未与平台订单导出对账');
    const r = recap({ reconciled: { at: AT, source: '抖店订单.xlsx' } });
    expect(booksLabel(r, 'zh-CN')).toBe(`已对账：抖店订单.xlsx（${fmtDateTime(AT)}）`);
    expect(booksLabel(r, 'en')).toBe(`Reconciled with 抖店订单.xlsx at ${fmtDateTime(AT)}`);
  });
});

describe('lateRefundRows', () => {
  it('gives each refund after the show its date, amount, order and source', () => {
    const r = recap({
      lateRefunds: {
        count: 2,
        list: [
          { orderId: 'o1', refundId: 'r1', amount: cny(8_000), at: AT, source: 'feed' },
          { orderId: 'o2', refundId: 'r2', amount: cny(12_345), at: AT + 60_000, source: 'export' },
        ],
        amount: cny(20_345),
        settledAtEnd: cny(0),
      },
    });
    const rows = lateRefundRows(r, 'zh-CN');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('订单 o1');
    expect(rows[0]).toContain('来源：直播数据');
    expect(rows[1]).toContain('来源：平台导出');
    expect(rows[1]).toMatch(/123\.45/);
  });
});

describe('renderOrderTruth', () => {
  it('shows the channel table always, product and 推客 tables only when there is something to show', () => {
    const html = renderOrderTruth(recap(), 'zh-CN', (id) => id);
    expect(html).toContain('data-table="channels"');
    expect(html).toContain('推客分享');
    expect(html).not.toContain('data-table="product-channels"');
    expect(html).not.toContain('data-table="sharers"');
    expect(html).not.toContain('data-late-refund-list');
  });

  it('escapes names from the platforms and shows a missing commission as a dash, not zero', () => {
    const sharers: SharerFigures[] = [
      {
        sharerId: 's1',
        sharerName: '<img src=x onerror=alert(1)>小红',
        paidGmv: cny(9_966),
        settledGmv: cny(9_966),
        orders: 1,
        commission: null,
      },
      { sharerId: 's2', sharerName: null, paidGmv: cny(500), settledGmv: cny(500), orders: 1, commission: cny(50) },
    ];
    const zero = cny(0);
    const productChannels: ProductChannels[] = [
      { productId: 'p1', gmv: { live: cny(29_900), share: cny(9_966), note: zero, other: zero } },
    ];
    const html = renderOrderTruth(recap({ sharers, productChannels }), 'zh-CN', (id) => `<b>${id}</b>`);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;小红');
    const sharerRows = html.split('data-table="sharers"')[1] ?? '';
    expect(sharerRows).toContain('<td>—</td>');
    expect(sharerRows).toContain('<td>s2</td>');
    expect(html).toContain('data-table="product-channels"');
  });
});
