/**
 * Gateway configuration (PROTOCOL.md G): the rooms file plus runtime options. Validated with zod so a
 * typo in a config file fails at start with a path, not at the first webhook.
 */
import { z } from 'zod';
import { roomIdSchema } from '../shared/events';

const secretSchema = z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be whsec_<base64>');

export const roomConfigSchema = z.object({
  id: roomIdSchema,
  /** Standard Webhooks secrets; two may be active at once while rotating. */
  secrets: z.array(secretSchema).max(4).default([]),
  /** Tokens that may read the room's live feed. */
  readTokens: z.array(z.string().min(8).max(500)).min(1),
  doudian: z.object({ appKey: z.string().min(1), appSecret: z.string().min(1) }).optional(),
  wechatShop: z
    .object({
      token: z.string().min(1),
      encodingAESKey: z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'must be 43 base64 characters'),
      appId: z.string().min(1),
    })
    .optional(),
  /** Per-room ingestion limit over HTTP (token bucket): sustained requests/s and burst. */
  rateLimit: z.object({ requestsPerSecond: z.number().positive(), burst: z.number().int().positive() }).optional(),
});

export type RoomConfig = z.input<typeof roomConfigSchema>;
export type ResolvedRoomConfig = z.output<typeof roomConfigSchema>;

export const configFileSchema = z.object({ rooms: z.array(roomConfigSchema).min(1) });

export const DEFAULT_RATE_LIMIT = { requestsPerSecond: 50, burst: 200 };

/** How long history is kept for replay, and how long ids are remembered for dedupe. */
export interface RetentionOptions {
  /** Events kept per room for replay (older ones get `resync`). */
  maxEvents: number;
  /** Events older than this are dropped from replay history. */
  maxAgeMs: number;
  /** Event ids remembered for dedupe; PROTOCOL asks for at least 24 h. */
  dedupeMs: number;
}

export const DEFAULT_RETENTION: RetentionOptions = {
  maxEvents: 100_000,
  maxAgeMs: 24 * 3600_000,
  dedupeMs: 48 * 3600_000,
};
