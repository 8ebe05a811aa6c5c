/**
 * Order details as the platforms write them (JSON text with bare integer literals beyond 2^53), for the
 * mapper tests and the fake order API servers.
 */

export interface DoudianLine {
  code?: string;
  skuId?: string;
  productId?: string;
  name?: string;
  qty: number;
  paid: number;
  roomId?: string;
  authorId?: string;
  authorName?: string;
  cBiz?: number;
  videoId?: string;
}

/** A `shop_order_detail` of 抖店's order.orderDetail. */
export function doudianDetailText(orderId: string, payAmount: number, lines: DoudianLine[]): string {
  const skus = lines.map(
    (l, i) =>
      `{"order_id":${BigInt(orderId) + BigInt(i + 1)},"parent_order_id":${orderId},"sku_id":${l.skuId ?? 1000 + i},` +
      `"product_id":${l.productId ?? 3600000000000000000n + BigInt(i)},"product_name":${JSON.stringify(l.name ?? '真丝衬衫')},` +
      `"code":${JSON.stringify(l.code ?? '')},"out_sku_id":"","item_num":${l.qty},"pay_amount":${l.paid},` +
      `"origin_amount":${l.paid + 1000},"room_id":${l.roomId ?? 0},"author_id":${l.authorId ?? 0},` +
      `"author_name":${JSON.stringify(l.authorName ?? '')},"c_biz":${l.cBiz ?? 8},"video_id":${JSON.stringify(l.videoId ?? '')}}`,
  );
  return (
    `{"order_id":${orderId},"order_status":2,"pay_amount":${payAmount},"post_amount":0,"pay_time":1764064800,` +
    `"doudian_open_id":"1@#buyerOpenId==","sku_order_list":[${skus.join(',')}]}`
  );
}

export interface WechatProduct {
  skuCode?: string;
  skuId?: string;
  title?: string;
  cnt: number;
  sale: number;
  real?: number;
}

export interface WechatSource {
  accountType?: number;
  accountId?: string;
  saleChannel?: number;
  liveId?: string;
  feedId?: string;
}

/** An `order` of 微信小店's order/get. */
export function wechatOrderText(
  orderId: string,
  orderPrice: number,
  products: WechatProduct[],
  extra: { sources?: WechatSource[]; sharer?: string; commissions?: { nickname: string; amount: number }[] } = {},
): string {
  const infos = products.map(
    (p, i) =>
      `{"product_id":"10000${i}","sku_id":"${p.skuId ?? 2000 + i}","sku_cnt":${p.cnt},"title":${JSON.stringify(p.title ?? '羊绒围巾')},` +
      `"sale_price":${p.sale},"market_price":${p.sale + 500},"sku_code":${JSON.stringify(p.skuCode ?? '')}` +
      `${p.real === undefined ? '' : `,"real_price":${p.real}`}}`,
  );
  const sources = (extra.sources ?? []).map(
    (s) =>
      `{"sku_id":"2000","account_type":${s.accountType ?? 1},"account_id":${JSON.stringify(s.accountId ?? '')},` +
      `"sale_channel":${s.saleChannel ?? 0},"live_id":${JSON.stringify(s.liveId ?? '')},"feed_id":${JSON.stringify(s.feedId ?? '')}}`,
  );
  const commissions = (extra.commissions ?? []).map(
    (c) => `{"sku_id":"2000","nickname":${JSON.stringify(c.nickname)},"type":0,"status":1,"amount":${c.amount}}`,
  );
  const sharer = extra.sharer
    ? `,"sharer_info":{"sharer_openid":"${extra.sharer}","sharer_type":0,"share_scene":1}`
    : '';
  return (
    `{"order_id":${orderId},"status":20,"create_time":1764064790,"openid":"o7esq5Bkx6h3m2DSd4gNCDtX9e8w",` +
    `"order_detail":{"product_infos":[${infos.join(',')}],"price_info":{"product_price":${orderPrice},` +
    `"order_price":${orderPrice},"freight":0},"source_infos":[${sources.join(',')}],` +
    `"commission_infos":[${commissions.join(',')}]${sharer}}}`
  );
}
