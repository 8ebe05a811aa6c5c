/**
 * Gateway configuration (PROTOCOL.md G): the rooms file plus runtime options. Validated with zod so a
 * typo in a config file fails at start with a path, not at the first webhook.
 */
import { z } from 'zod';
import { type EventKind, roomIdSchema } from '../shared/events';
import { douyinLiveConfigSchema } from './adapters/douyin-live';
import { doudianOrderApiSchema, wechatOrderApiSchema } from './orders/config';

/** Standard Webhooks keys are random bytes; fewer than 16 (or none: `whsec_`, `whsec_A`) is not a key. */
export const MIN_SECRET_BYTES = 16;

const secretSchema = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be whsec_<base64>')
  .refine(
    (s) => Buffer.from(s.slice('whsec_'.length), 'base64').length >= MIN_SECRET_BYTES,
    `the key after whsec_ must decode to at least ${MIN_SECRET_BYTES} bytes (an empty or short HMAC key signs nothing)`,
  );

export const roomConfigSchema = z.object({
  id: roomIdSchema,
  /** Standard Webhooks secrets; two may be active at once while rotating. */
  secrets: z.array(secretSchema).max(4).default([]),
  /** Tokens that may read the room's live feed. */
  readTokens: z.array(z.string().min(8).max(500)).min(1),
  doudian: z
    .object({
      appKey: z.string().min(1),
      appSecret: z.string().min(1),
      /** Order detail fetching (order.orderDetail); without it paid orders carry `items: []` as the push does. */
      orderApi: doudianOrderApiSchema.optional(),
    })
    .optional(),
  wechatShop: z
    .object({
      token: z.string().min(1),
      encodingAESKey: z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'must be 43 base64 characters'),
      appId: z.string().min(1),
      /** Order detail fetching (channels/ec/order/get); without it paid orders carry `items: []`. */
      orderApi: wechatOrderApiSchema.optional(),
    })
    .optional(),
  /** 抖音 直播间数据开放 pushes (docs/sources/douyin-live.md). */
  douyinLive: douyinLiveConfigSchema.optional(),
  /** Per-room ingestion limit over HTTP (token bucket): sustained requests/s and burst. */
  rateLimit: z.object({ requestsPerSecond: z.number().positive(), burst: z.number().int().positive() }).optional(),
});

export type RoomConfig = z.input<typeof roomConfigSchema>;
export type ResolvedRoomConfig = z.output<typeof roomConfigSchema>;

export const configFileSchema = z.object({
  rooms: z.array(roomConfigSchema).min(1),
  retention: z.lazy(() => retentionSchema).optional(),
});

export const DEFAULT_RATE_LIMIT = { requestsPerSecond: 50, burst: 200 };

/** How long history is kept for replay, and how long ids are remembered for dedupe. */
export interface RetentionOptions {
  /** Events kept per room for replay (older ones get `resync`). */
  maxEvents: number;
  /** Events older than this are dropped from replay history. */
  maxAgeMs: number;
  /** Ids of money events (order.created/paid/refunded/cancelled) remembered for dedupe; at least 24 h. */
  dedupeMs: number;
  /**
   * Ids of engagement events (chat, like, gift, viewers) remembered for dedupe. Platforms retry these
   * within seconds, and a signed replay is refused once its timestamp is more than 5 minutes off, so 15
   * minutes (more than the whole ±5 minute window) catches every replay the signature check lets through,
   * without millions of chat and like ids per show.
   */
  engagementDedupeMs: number;
}

export const DEFAULT_RETENTION: RetentionOptions = {
  maxEvents: 100_000,
  maxAgeMs: 24 * 3600_000,
  dedupeMs: 48 * 3600_000,
  engagementDedupeMs: 15 * 60_000,
};

const ENGAGEMENT: ReadonlySet<EventKind> = new Set<EventKind>(['chat', 'like', 'gift', 'viewers']);

/** How long an event's id is remembered for dedupe, by its kind. */
export function dedupeWindowMs(kind: EventKind, retention: RetentionOptions): number {
  return ENGAGEMENT.has(kind) ? retention.engagementDedupeMs : retention.dedupeMs;
}

/** Retention from the config file (all optional, in ms), checked so a window never undercuts replay safety. */
export const retentionSchema = z
  .object({
    maxEvents: z.number().int().min(1000).optional(),
    maxAgeMs: z.number().int().min(60_000).optional(),
    dedupeMs: z
      .number()
      .int()
      .min(24 * 3600_000, 'must be at least 24 h (PROTOCOL A)')
      .optional(),
    engagementDedupeMs: z
      .number()
      .int()
      .min(10 * 60_000, 'must be at least 10 minutes (the whole ±5 minute signature window)')
      .optional(),
  })
  .strict();
