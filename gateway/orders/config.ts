/**
 * Room config for order detail fetching (gateway/config.ts nests these under `doudian.orderApi` and
 * `wechatShop.orderApi`). Validated at start, so a typo fails with its path, not at the first order.
 * Secrets (the app secrets) are never logged: node-common/log redacts `appSecret` at any depth, and the
 * API clients never log a request URL or body.
 */
import { z } from 'zod';

/** How fast and how persistently one shop's order API is called. */
const callPolicy = {
  /** Sustained calls per second to this shop's API (token bucket), and the burst. */
  requestsPerSecond: z.number().positive().max(1000).default(5),
  burst: z.number().int().min(1).max(1000).default(10),
  /** One call's deadline, ms. */
  timeoutMs: z.number().int().min(100).max(60_000).default(5000),
  /** Calls per order before the event is emitted without its detail (items: [], total as the push had it). */
  attempts: z.number().int().min(1).max(20).default(6),
  /** First retry delay, ms; doubled per attempt, at most 60 s. */
  backoffMs: z.number().int().min(10).max(60_000).default(1000),
};

const digits = (what: string) => z.string().regex(/^\d{1,30}$/, `${what} must be digits (as a string)`);

export const doudianOrderApiSchema = z
  .object({
    /** The shop (店铺 ID): token.create with grant_type authorization_self names it. */
    shopId: digits('shopId'),
    /** This room's 抖音 live room (`room_id` of the order lines). Orders from another live room are not counted. */
    liveRoomId: digits('liveRoomId').optional(),
    /** The host's 抖音 account (`author_id`): a live order of another author is another room. */
    authorId: digits('authorId').optional(),
    baseUrl: z.url({ protocol: /^https?$/ }).default('https://openapi-fxg.jinritemai.com'),
    /** 抖店 signs with md5 (its default) or hmac-sha256 (recommended by the platform). */
    signMethod: z.enum(['hmac-sha256', 'md5']).default('hmac-sha256'),
    ...callPolicy,
  })
  .strict();

export const wechatOrderApiSchema = z
  .object({
    /** The 小店's AppSecret (the AppID is `wechatShop.appId`): cgi-bin/stable_token. */
    appSecret: z.string().min(1),
    /** The host's 视频号 id (`account_id` of a live source): a live order of another account is another room. */
    finderId: z.string().min(1).max(200).optional(),
    baseUrl: z.url({ protocol: /^https?$/ }).default('https://api.weixin.qq.com'),
    ...callPolicy,
  })
  .strict();

export type DoudianOrderApi = z.output<typeof doudianOrderApiSchema>;
export type WechatOrderApi = z.output<typeof wechatOrderApiSchema>;
export type CallPolicy = Pick<DoudianOrderApi, 'requestsPerSecond' | 'burst' | 'timeoutMs' | 'attempts' | 'backoffMs'>;
