import { describe, expect, it } from 'vitest';
import { DOUYIN_LIVE, douyinComment } from '../../tests/harness/platforms';
import { type DouyinMsgType, douyinLiveConfigSchema, mapDouyinPush } from './douyin-live';

const T = 1764064800000;
const map = (type: DouyinMsgType, messages: unknown, pushedAt = T) =>
  mapDouyinPush(
    type,
    Buffer.from(typeof messages === 'string' ? messages : JSON.stringify(messages)),
    DOUYIN_LIVE,
    pushedAt,
  );

const like = (msgId: string, user: string, n: number, at: number) => ({
  msg_id: msgId,
  sec_openid: user,
  like_num: n,
  nickname: user,
  avatar_url: 'https://p3.douyinpic.com/a.jpeg',
  timestamp: at,
});

describe('抖音 push mapping', () => {
  it('maps comments to chat with the msg_id in the id, the actor and the ms timestamp', () => {
    expect(map('live_comment', [douyinComment('7389', '3号有S码吗', 'sec_u1', T + 5)])).toEqual([
      {
        id: 'douyin:chat:7389',
        platform: 'douyin',
        occurredAt: T + 5,
        actor: { id: 'douyin:sec_u1', name: '小鹿', avatar: 'https://p3.douyinpic.com/aweme/100x100/avatar.jpeg' },
        kind: 'chat',
        data: { text: '3号有S码吗' },
      },
    ]);
  });

  it('maps gifts with gift_value (the total, 分) as Money, names from the room config, skips test gifts', () => {
    const gift = {
      msg_id: 'g1',
      sec_openid: 'sec_u2',
      sec_gift_id: 'n1/Dg1905sj1FyoBlQBvmbaDZFBNaKuKZH6zxHkv8Lg5x2cRfrKUTb8gzMs=',
      gift_num: 3,
      gift_value: 30,
      nickname: '阿花',
      timestamp: Math.floor(T / 1000),
      audience_sec_open_id: '',
    };
    const events = map('live_gift', [gift, { ...gift, msg_id: 'g2', sec_gift_id: 'other', gift_value: 19900 }]);
    expect(events.map((e) => [e.id, e.occurredAt, e.data])).toEqual([
      [
        'douyin:gift:g1',
        T,
        { giftId: gift.sec_gift_id, name: '小心心', count: 3, value: { amount: 30, currency: 'CNY' } },
      ],
      ['douyin:gift:g2', T, { giftId: 'other', name: 'other', count: 3, value: { amount: 19900, currency: 'CNY' } }],
    ]);
    expect(map('live_gift', [{ ...gift, test: true }])).toEqual([]);
    expect(() => map('live_gift', [{ ...gift, gift_value: 1.5 }])).toThrow(
      expect.objectContaining({ status: 400, path: '[0].gift_value' }),
    );
    expect(() => map('live_gift', [{ ...gift, gift_num: 0 }])).toThrow(
      expect.objectContaining({ path: '[0].gift_num' }),
    );
  });

  it('merges one user’s likes of one 2-second window in a push, with an id that depends only on the messages', () => {
    const w = Math.floor(T / 2000) * 2000;
    const push = [
      like('l1', 'a', 5, w + 100),
      like('l2', 'b', 1, w + 200),
      like('l3', 'a', 7, w + 1900),
      like('l4', 'a', 2, w + 2000), // next window
      like('l1', 'a', 5, w + 100), // the same message twice in one push counts once
    ];
    const events = map('live_like', push);
    expect(events.map((e) => [e.actor?.id, e.data, e.occurredAt])).toEqual([
      ['douyin:a', { count: 12 }, w + 1900],
      ['douyin:b', { count: 1 }, w + 200],
      ['douyin:a', { count: 2 }, w + 2000],
    ]);
    expect(events[0].id).toMatch(/^douyin:like:m[0-9a-f]{32}$/);
    expect(events.slice(1).map((e) => e.id)).toEqual(['douyin:like:l2', 'douyin:like:l4']);
    // A redelivery of the same messages, in any order, gives the same ids.
    expect(map('live_like', [...push].reverse()).map((e) => e.id)).toEqual(
      expect.arrayContaining(events.map((e) => e.id)),
    );
    // The same window in another push is another set of messages: another id, counted in addition.
    expect(map('live_like', [like('l5', 'a', 1, w + 1000)])[0].id).toBe('douyin:like:l5');
  });

  it('refuses malformed pushes with the path of the fault', () => {
    expect(() => map('live_comment', '{"msg_id":1')).toThrow(expect.objectContaining({ code: 'invalid_json' }));
    expect(() => map('live_comment', { msg_id: '1' })).toThrow(expect.objectContaining({ path: 'body' }));
    expect(() => map('live_comment', [douyinComment('1', '')])).toThrow(
      expect.objectContaining({ path: '[0].content' }),
    );
    expect(() => map('live_comment', [{ ...douyinComment('1', 'hi'), msg_id: '' }])).toThrow(
      expect.objectContaining({ path: '[0].msg_id' }),
    );
    expect(() => map('live_comment', [{ ...douyinComment('1', 'hi'), sec_openid: undefined }])).toThrow(
      expect.objectContaining({ path: '[0].sec_openid' }),
    );
    expect(() => map('live_like', [like('1', 'a', -1, T)])).toThrow(expect.objectContaining({ path: '[0].like_num' }));
    expect(() => map('live_comment', [douyinComment('1', 'hi'), 7])).toThrow(expect.objectContaining({ path: '[1]' }));
    const tooMany = Array.from({ length: 501 }, (_, i) => douyinComment(`m${i}`, 'hi'));
    expect(() => map('live_comment', tooMany)).toThrow(expect.objectContaining({ status: 400, path: 'body' }));
  });

  it('keeps msg_ids written as integers beyond 2^53 exactly, and uses x-timestamp when a message has none', () => {
    const [e] = map('live_comment', '[{"msg_id":7390123456789012345678,"sec_openid":"u","content":"hi"}]', T + 9);
    expect(e).toMatchObject({ id: 'douyin:chat:7390123456789012345678', occurredAt: T + 9 });
  });

  it('validates the room config: a secret is required, unknown keys are refused', () => {
    expect(douyinLiveConfigSchema.safeParse({ secret: 's' }).success).toBe(true);
    expect(douyinLiveConfigSchema.safeParse({ secrets: { live_like: 's' } }).success).toBe(true);
    expect(douyinLiveConfigSchema.safeParse({}).success).toBe(false);
    expect(douyinLiveConfigSchema.safeParse({ secret: '' }).success).toBe(false);
    expect(douyinLiveConfigSchema.safeParse({ secret: 's', roomid: '1' }).success).toBe(false);
    expect(douyinLiveConfigSchema.safeParse({ secret: 's', roomId: '12 3' }).success).toBe(false);
  });
});
