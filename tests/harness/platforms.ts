/**
 * Platform pushes built with the documented algorithms (our own encoders), for adapter tests and fuzzing:
 * 抖店 message push bodies and 微信小店 security-mode pushes.
 */
import { wechatEncrypt, wechatSignature } from '../../gateway/adapters/wechat-crypto';

export const DOUDIAN_CREDS = { appKey: '7012345678901234567', appSecret: 'c0ffee-secret' };

export const WECHAT_CREDS = {
  token: 'maishouToken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx1234567890abcdef',
};

/** Unix seconds now, for pushes the gateway's ±5 minute / dedupe-window checks must accept. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * An array of messages with `data` as a JSON string and order ids as bare integer literals beyond 2^53.
 * Record times: created `paidAt - 10`, paid `paidAt`, refunded `paidAt + 3600` (unix seconds).
 */
export const doudianPushBody = (paidAt = 1764064800): Buffer =>
  Buffer.from(
    JSON.stringify([
      {
        tag: '100',
        msg_id: '7401234567890123456',
        data: `{"biz":2,"create_time":${paidAt - 10},"order_status":1,"order_type":0,"p_id":6917543210987654321,"s_ids":[6917543210987654322],"shop_id":4463798}`,
      },
      {
        tag: '101',
        msg_id: '7401234567890123457',
        data: `{"biz":2,"order_status":2,"order_type":0,"p_id":6917543210987654321,"pay_amount":69900,"pay_time":${paidAt},"pay_type":1,"s_ids":[6917543210987654322],"shop_id":4463798}`,
      },
      {
        tag: '206',
        msg_id: '7401234567890123458',
        data: `{"aftersale_id":7301234567890123459,"aftersale_status":12,"aftersale_type":2,"modify_time":${paidAt + 3600},"p_id":6917543210987654321,"reason_code":1,"refund_amount":69900,"refund_post_amount":0,"s_id":6917543210987654322,"shop_id":4463798}`,
      },
      { tag: '105', msg_id: '7401234567890123460', data: '{"p_id":6917543210987654321}' },
    ]),
  );

/** A push as 微信小店 sends it in security mode: query parameters plus a JSON envelope with `Encrypt`. */
export function wechatPush(message: string, c = WECHAT_CREDS, timestamp = String(nowSeconds()), nonce = '1597212914') {
  const encrypted = wechatEncrypt(c.encodingAESKey, c.appId, message, Buffer.alloc(16, 7));
  return {
    query: { timestamp, nonce, msg_signature: wechatSignature([c.token, timestamp, nonce, encrypted]) },
    body: Buffer.from(JSON.stringify({ ToUserName: 'gh_abcdef123456', Encrypt: encrypted })),
    encrypted,
  };
}

export const WECHAT_PAY_MESSAGE =
  '{"ToUserName":"gh_abcdef123456","FromUserName":"o7esq5Bkx6h3m2DSd4gNCDtX9e8w","CreateTime":1764064801,"MsgType":"event","Event":"channels_ec_order_pay","order_info":{"order_id":3705115058471208928,"pay_time":1764064800}}';

/** One 抖店 message as pushed: `data` is a JSON string whose ids are bare integer literals. */
export interface DoudianRecord {
  tag: '100' | '101' | '206';
  data: string;
}

export const doudianPaid = (orderId: string, payAmount: number, payTime = nowSeconds() - 60): DoudianRecord => ({
  tag: '101',
  data: `{"biz":2,"order_status":2,"p_id":${orderId},"pay_amount":${payAmount},"pay_time":${payTime},"s_ids":[${orderId}1],"shop_id":4463798}`,
});

export const doudianRefund = (orderId: string, refundId: string, amount: number): DoudianRecord => ({
  tag: '206',
  data: `{"aftersale_id":${refundId},"aftersale_status":12,"modify_time":${nowSeconds()},"p_id":${orderId},"refund_amount":${amount},"shop_id":4463798}`,
});

/** A push body of the given messages (message ids derived from the records, stable for redelivery). */
export const doudianPush = (records: DoudianRecord[]): Buffer =>
  Buffer.from(JSON.stringify(records.map((r, i) => ({ ...r, msg_id: `74${i}${r.data.length}` }))));

/** A 微信小店 `channels_ec_order_pay` message for `orderId` (a bare integer literal). */
export const wechatPaidMessage = (orderId: string, payTime = nowSeconds() - 60): string =>
  `{"ToUserName":"gh_abcdef123456","FromUserName":"o7esq5Bkx6h3m2DSd4gNCDtX9e8w","CreateTime":${payTime},"MsgType":"event","Event":"channels_ec_order_pay","order_info":{"order_id":${orderId},"pay_time":${payTime}}}`;
