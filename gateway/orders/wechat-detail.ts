/**
 * 微信小店 `order/get` -> OrderDetail (pure). Fields used, per the 微信小店 order reference (Order,
 * ProductInfo, PriceInfo, SourceInfo, CommissionInfo, SharerInfo):
 * - `order_detail.price_info.order_price`: what the buyer paid (fen, freight included); `openid`: the buyer;
 * - `product_infos[]`: `sku_cnt`, `real_price` (the line's price actually paid, fen; `sale_price` x
 *   `sku_cnt` when absent), `sku_code` (商家编码, the studio's sku) else `out_sku_id` else `sku_id`,
 *   `product_id`, `title`;
 * - `sharer_info.sharer_openid`: a 分享员/推客 shared it -> `share`; `commission_infos[]` (`amount` fen,
 *   `nickname`) give the commission and the sharer's name;
 * - `source_infos[]`: `live_id` (bought in a live), `account_id` (the 视频号 it was sold by),
 *   `sale_channel` (100 达人带货, 101 带货机构推广 -> `share` with the account as sharer), `feed_id` (a short
 *   video -> `note`). A live of another account than the configured `finderId` is `otherRoom`.
 */
import { money } from '../../shared/money';
import { asSafeInt, isRecord } from '../json-lossless';
import type { WechatOrderApi } from './config';
import { type OrderDetail, paidLines, presentId, requireInt, requireList, requireRecord } from './detail';

const PROMOTION = new Set([100, 101]);

export function mapWechatOrder(order: Record<string, unknown>, api: Pick<WechatOrderApi, 'finderId'>): OrderDetail {
  const detail = requireRecord(order.order_detail, 'order.order_detail');
  const price = requireRecord(detail.price_info, 'order.order_detail.price_info');
  const total = requireInt(price, 'order_price', 'order.order_detail.price_info');
  const products = requireList(detail.product_infos, 'order.order_detail.product_infos');
  const items = products.flatMap((p, i) => {
    const path = `order.order_detail.product_infos[${i}]`;
    const qty = requireInt(p, 'sku_cnt', path, 1);
    const paid =
      p.real_price === undefined ? requireInt(p, 'sale_price', path) * qty : requireInt(p, 'real_price', path);
    const productId = presentId(p.product_id);
    const sku = presentId(p.sku_code) ?? presentId(p.out_sku_id) ?? presentId(p.sku_id) ?? productId ?? 'unknown';
    const title = typeof p.title === 'string' ? p.title.slice(0, 500) : undefined;
    return paidLines({ sku, productId, title }, qty, paid);
  });
  const buyerId = presentId(order.openid);
  const base = { items, total: money(total), ...(buyerId ? { buyerId } : {}), otherRoom: false };
  const commissions = Array.isArray(detail.commission_infos) ? detail.commission_infos.filter(isRecord) : [];
  const commissionSum = commissions.reduce((sum, c) => sum + (asSafeInt(c.amount) ?? 0), 0);
  const shareFields = (sharerId: string | undefined) => ({
    channel: 'share' as const,
    ...(sharerId ? { sharerId } : {}),
    ...(commissions.length > 0 ? { commission: money(commissionSum) } : {}),
    ...(typeof commissions[0]?.nickname === 'string' && commissions[0].nickname
      ? { sharerName: commissions[0].nickname.slice(0, 200) }
      : {}),
  });
  const sharer = isRecord(detail.sharer_info) ? presentId(detail.sharer_info.sharer_openid) : undefined;
  if (sharer) return { ...base, ...shareFields(sharer) };
  const sources = Array.isArray(detail.source_infos) ? detail.source_infos.filter(isRecord) : [];
  const live = sources.find((s) => presentId(s.live_id));
  if (live) {
    const account = presentId(live.account_id);
    const otherRoom = api.finderId !== undefined && account !== api.finderId;
    return { ...base, channel: 'live', otherRoom };
  }
  const promoted = sources.find((s) => PROMOTION.has(asSafeInt(s.sale_channel) ?? -1));
  if (promoted) return { ...base, ...shareFields(presentId(promoted.account_id)) };
  if (sources.some((s) => presentId(s.feed_id))) return { ...base, channel: 'note' };
  return { ...base, channel: 'other' };
}
