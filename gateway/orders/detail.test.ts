import { describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../shared/events';
import { isRecord, parseJsonLossless } from '../json-lossless';
import { DetailError, paidLines, withDetail } from './detail';
import { mapDoudianDetail } from './doudian-detail';
import { doudianDetailText, wechatOrderText } from './samples.test-helpers';
import { mapWechatOrder } from './wechat-detail';

const parse = (text: string) => {
  const v = parseJsonLossless(text);
  if (!isRecord(v)) throw new Error('not an object');
  return v;
};
const fen = (amount: number) => ({ amount, currency: 'CNY' });
const ORDER = '6917543210987654321';

describe('paid lines', () => {
  it('keeps qty x unit price equal to what the line paid, splitting an uneven total into two items', () => {
    expect(paidLines({ sku: 'A' }, 3, 29700)).toEqual([{ sku: 'A', qty: 3, unitPrice: fen(9900) }]);
    const split = paidLines({ sku: 'A' }, 3, 10000);
    expect(split).toEqual([
      { sku: 'A', qty: 1, unitPrice: fen(3334) },
      { sku: 'A', qty: 2, unitPrice: fen(3333) },
    ]);
    expect(split.reduce((s, i) => s + i.qty * i.unitPrice.amount, 0)).toBe(10000);
  });
});

describe('抖店 order detail', () => {
  const api = { liveRoomId: '7300000000000000001', authorId: '90001' };

  it('gives the lines at their paid price, the paid total, the buyer and live for this room', () => {
    const detail = parse(
      doudianDetailText(ORDER, 79800, [
        { code: 'XHS-CL-001', qty: 2, paid: 59800, roomId: api.liveRoomId, authorId: '90001' },
        { code: '', skuId: '1700000000000000009', qty: 1, paid: 20000, roomId: api.liveRoomId, authorId: '90001' },
      ]),
    );
    const d = mapDoudianDetail(detail, api);
    expect(d).toMatchObject({ total: fen(79800), channel: 'live', otherRoom: false, buyerId: '1@#buyerOpenId==' });
    expect(d.items).toEqual([
      { sku: 'XHS-CL-001', productId: '3600000000000000000', title: '真丝衬衫', qty: 2, unitPrice: fen(29900) },
      {
        sku: '1700000000000000009',
        productId: '3600000000000000001',
        title: '真丝衬衫',
        qty: 1,
        unitPrice: fen(20000),
      },
    ]);
  });

  it('marks a live order of another room or another author as otherRoom; without a configured room it is live', () => {
    const other = parse(
      doudianDetailText(ORDER, 100, [{ qty: 1, paid: 100, roomId: '7300000000000000002', authorId: '90001' }]),
    );
    expect(mapDoudianDetail(other, api)).toMatchObject({ channel: 'live', otherRoom: true });
    const author = parse(
      doudianDetailText(ORDER, 100, [{ qty: 1, paid: 100, roomId: api.liveRoomId, authorId: '555' }]),
    );
    expect(mapDoudianDetail(author, api).otherRoom).toBe(true);
    expect(mapDoudianDetail(other, {})).toMatchObject({ channel: 'live', otherRoom: false });
  });

  it('an affiliate author is a share with the author as sharer; a short video is note; else other', () => {
    const share = parse(doudianDetailText(ORDER, 100, [{ qty: 1, paid: 100, authorId: '777', cBiz: 2 }]));
    expect(mapDoudianDetail(share, api)).toMatchObject({ channel: 'share', sharerId: '777', otherRoom: false });
    const note = parse(doudianDetailText(ORDER, 100, [{ qty: 1, paid: 100, videoId: 'v123' }]));
    expect(mapDoudianDetail(note, api).channel).toBe('note');
    expect(mapDoudianDetail(parse(doudianDetailText(ORDER, 100, [{ qty: 1, paid: 100 }])), api).channel).toBe('other');
  });

  it('refuses a detail without lines or amounts, naming the field', () => {
    const noLines = parse(`{"order_id":${ORDER},"pay_amount":100,"sku_order_list":[]}`);
    expect(() => mapDoudianDetail(noLines, api)).toThrow(DetailError);
    const badQty = parse(doudianDetailText(ORDER, 100, [{ qty: 0, paid: 100 }]));
    expect(() => mapDoudianDetail(badQty, api)).toThrow('shop_order_detail.sku_order_list[0].item_num');
    const floatPay = parse(doudianDetailText(ORDER, 100, [{ qty: 1, paid: 1.5 }]));
    expect(() => mapDoudianDetail(floatPay, api)).toThrow('pay_amount');
  });
});

describe('微信小店 order', () => {
  const api = { finderId: 'sphMyLiveRoom' };
  const live = [{ accountId: 'sphMyLiveRoom', liveId: '2045', saleChannel: 0 }];

  it('uses real_price for the line (sale_price x count without it) and order_price as the total', () => {
    const order = parse(
      wechatOrderText(
        '3705115058471208928',
        25800,
        [
          { skuCode: 'XHS-SC-002', cnt: 2, sale: 12900, real: 23800 },
          { cnt: 1, sale: 2000 },
        ],
        { sources: live },
      ),
    );
    const d = mapWechatOrder(order, api);
    expect(d).toMatchObject({
      total: fen(25800),
      channel: 'live',
      otherRoom: false,
      buyerId: 'o7esq5Bkx6h3m2DSd4gNCDtX9e8w',
    });
    expect(d.items.map((i) => [i.sku, i.qty, i.unitPrice.amount])).toEqual([
      ['XHS-SC-002', 2, 11900],
      ['2001', 1, 2000],
    ]);
  });

  it('a sharer is a share with its commission and name; another account’s live is otherRoom', () => {
    const shared = parse(
      wechatOrderText('1', 9900, [{ cnt: 1, sale: 9900 }], {
        sources: live,
        sharer: 'oSharer123',
        commissions: [
          { nickname: '小雨', amount: 990 },
          { nickname: '机构', amount: 100 },
        ],
      }),
    );
    expect(mapWechatOrder(shared, api)).toMatchObject({
      channel: 'share',
      sharerId: 'oSharer123',
      sharerName: '小雨',
      commission: fen(1090),
    });
    const elsewhere = parse(
      wechatOrderText('1', 100, [{ cnt: 1, sale: 100 }], { sources: [{ accountId: 'sphOther', liveId: '9' }] }),
    );
    expect(mapWechatOrder(elsewhere, api)).toMatchObject({ channel: 'live', otherRoom: true });
    const promoted = parse(
      wechatOrderText('1', 100, [{ cnt: 1, sale: 100 }], {
        sources: [{ accountId: 'sphTalent', saleChannel: 100, feedId: 'f1' }],
      }),
    );
    expect(mapWechatOrder(promoted, api)).toMatchObject({ channel: 'share', sharerId: 'sphTalent' });
    const feed = parse(
      wechatOrderText('1', 100, [{ cnt: 1, sale: 100 }], { sources: [{ accountId: 'sphMyLiveRoom', feedId: 'f1' }] }),
    );
    expect(mapWechatOrder(feed, api).channel).toBe('note');
    expect(mapWechatOrder(parse(wechatOrderText('1', 100, [{ cnt: 1, sale: 100 }])), api).channel).toBe('other');
  });

  it('refuses an order without price_info', () => {
    expect(() => mapWechatOrder(parse('{"order_id":1,"order_detail":{"product_infos":[]}}'), api)).toThrow(
      'order.order_detail.price_info',
    );
  });
});

describe('the event with its detail', () => {
  it('keeps id, platform and time of the push and replaces items, total and channel', () => {
    const pushed: InboundEvent = {
      id: `doudian:order.paid:${ORDER}`,
      platform: 'doudian',
      occurredAt: 1764064800000,
      kind: 'order.paid',
      data: { orderId: ORDER, items: [], total: fen(79800) },
    };
    const out = withDetail(pushed, {
      items: [{ sku: 'A', qty: 1, unitPrice: fen(79800) }],
      total: fen(79800),
      channel: 'share',
      sharerId: '777',
      otherRoom: false,
    });
    expect(out).toEqual({
      ...pushed,
      data: {
        orderId: ORDER,
        items: [{ sku: 'A', qty: 1, unitPrice: fen(79800) }],
        total: fen(79800),
        channel: 'share',
        sharerId: '777',
      },
    });
  });
});
