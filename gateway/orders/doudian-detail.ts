/**
 * 抖店 `order.orderDetail` -> OrderDetail (pure). Fields used, per the platform's order detail reference:
 * `shop_order_detail.pay_amount` (paid, fen, freight included), `doudian_open_id` (buyer), and per line of
 * `sku_order_list`: `item_num`, `pay_amount` (the line's paid amount, fen), `code` (the sku's 商家编码, the
 * studio's sku) else `out_sku_id` else `sku_id`, `product_id`, `product_name`, `room_id` (the 抖音 live room
 * it was bought in, 0 when not in a live room), `author_id`/`author_name` (the 抖音 account that sold it),
 * `c_biz` (2 = 精选联盟, an affiliate), `video_id` (a short video it was bought from).
 * Channel: a line with a live room -> `live` (another room than the configured `liveRoomId`/`authorId`:
 * `otherRoom`); an affiliate author other than this room's -> `share` with the author as sharer; a short
 * video -> `note` (content, 种草); else `other`. 抖店's order detail names no commission.
 */
import { money } from '../../shared/money';
import { asId } from '../json-lossless';
import type { DoudianOrderApi } from './config';
import { type OrderDetail, paidLines, presentId, requireInt, requireList } from './detail';

const AFFILIATE = '2';

export function mapDoudianDetail(
  detail: Record<string, unknown>,
  api: Pick<DoudianOrderApi, 'liveRoomId' | 'authorId'>,
): OrderDetail {
  const total = requireInt(detail, 'pay_amount', 'shop_order_detail');
  const lines = requireList(detail.sku_order_list, 'shop_order_detail.sku_order_list');
  const items = lines.flatMap((line, i) => {
    const path = `shop_order_detail.sku_order_list[${i}]`;
    const sku = presentId(line.code) ?? presentId(line.out_sku_id) ?? presentId(line.sku_id);
    const qty = requireInt(line, 'item_num', path, 1);
    const paid = requireInt(line, 'pay_amount', path);
    const productId = presentId(line.product_id);
    const title = typeof line.product_name === 'string' ? line.product_name.slice(0, 500) : undefined;
    return paidLines({ sku: sku ?? `${productId ?? 'unknown'}`, productId, title }, qty, paid);
  });
  const buyerId = presentId(detail.doudian_open_id);
  const base = { items, total: money(total), ...(buyerId ? { buyerId } : {}) };
  const live = lines.find((l) => presentId(l.room_id));
  if (live) {
    const room = presentId(live.room_id);
    const author = presentId(live.author_id);
    const otherRoom =
      (api.liveRoomId !== undefined && room !== api.liveRoomId) ||
      (api.authorId !== undefined && author !== undefined && author !== api.authorId);
    return { ...base, channel: 'live', otherRoom };
  }
  const affiliate = lines.find(
    (l) => asId(l.c_biz) === AFFILIATE && presentId(l.author_id) && presentId(l.author_id) !== api.authorId,
  );
  if (affiliate) return { ...base, channel: 'share', sharerId: presentId(affiliate.author_id), otherRoom: false };
  if (lines.some((l) => presentId(l.video_id))) return { ...base, channel: 'note', otherRoom: false };
  return { ...base, channel: 'other', otherRoom: false };
}
