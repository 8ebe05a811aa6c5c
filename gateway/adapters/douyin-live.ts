/**
 * 抖音 直播间数据开放 pushes (评论 live_comment, 礼物 live_gift, 点赞 live_like) -> unified live events.
 * The body is a JSON array of the message type's payloads (documented fields):
 * - comment: `msg_id`, `sec_openid`, `content`, `avatar_url`, `nickname`, `timestamp`
 * - gift: `msg_id`, `sec_openid`, `sec_gift_id`, `gift_num`, `gift_value` (the gifts' total value, 分),
 *   `avatar_url`, `nickname`, `timestamp`, `test` (true on the platform's test data), `audience_sec_open_id`
 * - like: `msg_id`, `sec_openid`, `like_num` (likes in the platform's 2-second batch), `avatar_url`,
 *   `nickname`, `timestamp`
 * Ids are semantic so a redelivery is acknowledged and emitted once: `douyin:chat:<msg_id>`,
 * `douyin:gift:<msg_id>`; likes are merged (see mergeLikes). `timestamp` is read as milliseconds (values
 * below 10^12 as seconds); without one the push's signed `x-timestamp` stands in.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { StudioError } from '../../shared/errors';
import type { Actor, InboundEvent } from '../../shared/events';
import { money } from '../../shared/money';
import { asId, asSafeInt, isRecord, parseJsonLossless } from '../json-lossless';

export const DOUYIN_MSG_TYPES = ['live_comment', 'live_gift', 'live_like'] as const;
export type DouyinMsgType = (typeof DOUYIN_MSG_TYPES)[number];

const secret = z.string().min(1).max(500);

/** Room config `douyinLive` (gateway rooms file): the data secrets, and the live room whose pushes count. */
export const douyinLiveConfigSchema = z
  .strictObject({
    /** 数据密钥 used for every message type without its own. */
    secret: secret.optional(),
    /** 数据密钥 per message type (开发配置 -> 直播间数据能力开发配置 sets one per type). */
    secrets: z
      .strictObject({ live_comment: secret.optional(), live_gift: secret.optional(), live_like: secret.optional() })
      .optional(),
    /** The 抖音 live room (x-roomid) whose pushes this room takes; pushes of any other live room are refused. */
    roomId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional(),
    /** Names shown for gifts, by sec_gift_id (the push carries only the id). */
    giftNames: z.record(z.string().min(1).max(200), z.string().min(1).max(200)).optional(),
  })
  .refine((c) => c.secret !== undefined || DOUYIN_MSG_TYPES.some((t) => c.secrets?.[t] !== undefined), {
    message: 'needs `secret`, or `secrets` for live_comment, live_gift or live_like',
  });

export type DouyinLiveConfig = z.output<typeof douyinLiveConfigSchema>;

/** The data secret for a message type, or undefined when the room has none for it. */
export function douyinSecretFor(config: DouyinLiveConfig, type: DouyinMsgType): string | undefined {
  return config.secrets?.[type] ?? config.secret;
}

export function isDouyinMsgType(value: string): value is DouyinMsgType {
  return (DOUYIN_MSG_TYPES as readonly string[]).includes(value);
}

/** Largest push taken, in messages (the same bound as a Standard Webhooks batch). */
export const DOUYIN_MAX_MESSAGES = 500;
/** The platform batches a user's likes per 2 seconds; pushes are merged on the same grid. */
export const DOUYIN_LIKE_WINDOW_MS = 2000;
/** Longest msg_id taken: the event id (`douyin:gift:` + msg_id) must stay within 200 characters. */
const MAX_MSG_ID = 180;

const malformed = (path: string, message: string) =>
  new StudioError('invalid_push', `${path}: ${message}`, { status: 400, path });

interface Common {
  msgId: string;
  at: number;
  actor: Actor;
}

function readCommon(m: Record<string, unknown>, path: string, pushedAt: number): Common {
  const msgId = asId(m.msg_id);
  if (!msgId || msgId.length > MAX_MSG_ID || /[\p{Cc}\p{Cf}]/u.test(msgId)) {
    throw malformed(`${path}.msg_id`, `missing or not an id of 1..${MAX_MSG_ID} printable characters`);
  }
  const user = asId(m.sec_openid);
  if (!user || user.length > 190 || /[\p{Cc}\p{Cf}]/u.test(user)) {
    throw malformed(`${path}.sec_openid`, 'missing or not an id');
  }
  let at = pushedAt;
  if (m.timestamp !== undefined) {
    const t = asSafeInt(m.timestamp);
    if (t === undefined || t <= 0) throw malformed(`${path}.timestamp`, 'not a unix time');
    at = t < 1e12 ? t * 1000 : t;
  }
  const name = typeof m.nickname === 'string' ? m.nickname.trim().slice(0, 200) : '';
  const avatar = typeof m.avatar_url === 'string' ? m.avatar_url : '';
  const actor: Actor = {
    id: `douyin:${user}`,
    ...(name ? { name } : {}),
    ...(/^https?:\/\//.test(avatar) && avatar.length <= 2000 ? { avatar } : {}),
  };
  return { msgId, at, actor };
}

function positiveCount(m: Record<string, unknown>, field: string, path: string): number {
  const n = asSafeInt(m[field]);
  if (n === undefined || n < 1) throw malformed(`${path}.${field}`, 'not a whole number of at least 1');
  return n;
}

function comment(m: Record<string, unknown>, path: string, c: Common): InboundEvent {
  const text = typeof m.content === 'string' ? m.content : undefined;
  if (text === undefined || text.trim() === '' || text.length > 500) {
    throw malformed(`${path}.content`, 'missing, empty or over 500 characters');
  }
  return {
    id: `douyin:chat:${c.msgId}`,
    platform: 'douyin',
    occurredAt: c.at,
    actor: c.actor,
    kind: 'chat',
    data: { text },
  };
}

function gift(m: Record<string, unknown>, path: string, c: Common, config: DouyinLiveConfig): InboundEvent | null {
  const giftId = asId(m.sec_gift_id);
  if (!giftId || giftId.length > 200) throw malformed(`${path}.sec_gift_id`, 'missing or not an id');
  const count = positiveCount(m, 'gift_num', path);
  const value = asSafeInt(m.gift_value);
  if (value === undefined || value < 0) throw malformed(`${path}.gift_value`, 'not a whole amount in fen');
  // The platform's own test data (`test: true`) is acknowledged and never counted in a show.
  if (m.test === true) return null;
  const payloadName = typeof m.gift_name === 'string' && m.gift_name.trim() ? m.gift_name.trim().slice(0, 200) : '';
  const name = config.giftNames?.[giftId] ?? (payloadName || giftId);
  return {
    id: `douyin:gift:${c.msgId}`,
    platform: 'douyin',
    occurredAt: c.at,
    actor: c.actor,
    kind: 'gift',
    data: { giftId, name, count, value: money(value) },
  };
}

interface LikeMessage extends Common {
  count: number;
}

/**
 * Like merging. The platform already sums a user's likes per 2 seconds into one message (`like_num`); a
 * push may still carry several messages of one user in the same 2-second window (split batches). Within
 * one push, messages with the same `sec_openid` and the same window (floor(timestamp / 2000)) become one
 * `like` event: `count` is the sum of their `like_num`, `occurredAt` the latest of their times, the actor
 * the latest message's. Its id depends only on the messages it merges: `douyin:like:<msg_id>` for one
 * message, `douyin:like:m<sha256 of the sorted msg_ids, 32 hex>` for several. A redelivered push (the same
 * messages) therefore yields the same ids and counts once; likes of the same window arriving in another
 * push are a different set, with a different id, and are added, never lost. A message seen twice inside
 * one push counts once.
 */
export function mergeLikes(messages: readonly LikeMessage[]): InboundEvent[] {
  const groups = new Map<string, Map<string, LikeMessage>>();
  for (const m of messages) {
    const key = `${m.actor.id}\u0000${Math.floor(m.at / DOUYIN_LIKE_WINDOW_MS)}`;
    const group = groups.get(key) ?? new Map<string, LikeMessage>();
    groups.set(key, group);
    if (!group.has(m.msgId)) group.set(m.msgId, m);
  }
  return [...groups.values()].map((group) => {
    const list = [...group.values()];
    const latest = list.reduce((a, b) => (b.at >= a.at ? b : a));
    const ids = list.map((m) => m.msgId).sort();
    const id =
      ids.length === 1
        ? `douyin:like:${ids[0]}`
        : `douyin:like:m${createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 32)}`;
    const count = list.reduce((sum, m) => sum + m.count, 0);
    return { id, platform: 'douyin', occurredAt: latest.at, actor: latest.actor, kind: 'like', data: { count } };
  });
}

/** Parses and maps a verified push; throws 400 (`invalid_json`, or `invalid_push` with the path of the fault). */
export function mapDouyinPush(
  type: DouyinMsgType,
  body: Buffer,
  config: DouyinLiveConfig,
  pushedAt: number,
): InboundEvent[] {
  let messages: unknown;
  try {
    messages = parseJsonLossless(body.toString('utf8'));
  } catch {
    throw new StudioError('invalid_json', 'The body is not valid JSON', { status: 400 });
  }
  if (!Array.isArray(messages)) throw malformed('body', 'expected a JSON array of messages');
  if (messages.length > DOUYIN_MAX_MESSAGES) {
    throw malformed('body', `at most ${DOUYIN_MAX_MESSAGES} messages per push, got ${messages.length}`);
  }
  const events: InboundEvent[] = [];
  const likes: LikeMessage[] = [];
  messages.forEach((m, i) => {
    const path = `[${i}]`;
    if (!isRecord(m)) throw malformed(path, 'expected an object');
    const c = readCommon(m, path, pushedAt);
    if (type === 'live_comment') events.push(comment(m, path, c));
    else if (type === 'live_like') likes.push({ ...c, count: positiveCount(m, 'like_num', path) });
    else {
      const e = gift(m, path, c, config);
      if (e) events.push(e);
    }
  });
  return type === 'live_like' ? mergeLikes(likes) : events;
}
