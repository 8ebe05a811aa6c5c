/**
 * Live events of PROTOCOL.md A: the one schema every boundary validates against (gateway ingestion,
 * the engine's live link, seats). Inbound events are what platforms/bridges send; live events are what
 * the gateway emits after assigning `seq`, `room` and `receivedAt`.
 */
import { z } from 'zod';

/** Ids: 1..200 printable characters (no control characters), kept exactly as the platform wrote them. */
export const idSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u, 'must be printable characters');

export const moneySchema = z.strictObject({
  amount: z.number().int().refine(Number.isSafeInteger, 'must be a safe integer'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
});

const epochMs = z.number().int().nonnegative().refine(Number.isSafeInteger);

export const actorSchema = z.object({
  id: idSchema,
  name: z.string().max(200).optional(),
  avatar: z.string().max(2000).optional(),
});

const orderItemSchema = z.object({
  sku: idSchema,
  productId: idSchema.optional(),
  title: z.string().max(500).optional(),
  qty: z.number().int().min(1),
  unitPrice: moneySchema,
});

const orderData = z.object({
  orderId: idSchema,
  items: z.array(orderItemSchema).max(500),
  total: moneySchema.nullable(),
  buyerId: idSchema.optional(),
  channel: z.enum(['live', 'share', 'note', 'other']).optional(),
  sharerId: idSchema.optional(),
  /**
   * Extension to PROTOCOL A (optional; older readers ignore it): the sharer's name and the commission the
   * platform pays out for a `share` order, where the platform's order detail names them (METRICS "Channels":
   * sharers with their commission). Sent by the 微信小店 adapter once the order's detail is fetched.
   */
  sharerName: z.string().min(1).max(200).optional(),
  commission: moneySchema.optional(),
});

export const eventDataSchemas = {
  chat: z.object({ text: z.string().min(1).max(500) }),
  like: z.object({ count: z.number().int().min(1) }),
  gift: z.object({
    giftId: idSchema,
    name: z.string().max(200),
    count: z.number().int().min(1),
    value: moneySchema.nullable(),
  }),
  viewers: z.object({
    current: z.number().int().nonnegative(),
    cumulative: z.number().int().nonnegative().optional(),
  }),
  'order.created': orderData,
  'order.paid': orderData,
  'order.refunded': z.object({ orderId: idSchema, refundId: idSchema, amount: moneySchema }),
  'order.cancelled': z.object({ orderId: idSchema }),
} as const;

export type EventKind = keyof typeof eventDataSchemas;
export const EVENT_KINDS = Object.keys(eventDataSchemas) as EventKind[];
export type EventData<K extends EventKind> = z.infer<(typeof eventDataSchemas)[K]>;

export const platformSchema = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/);

const inboundBase = {
  id: idSchema,
  platform: platformSchema,
  occurredAt: epochMs.nullable(),
  actor: actorSchema.optional(),
};

const inboundVariants = EVENT_KINDS.map((kind) =>
  z.object({ ...inboundBase, kind: z.literal(kind), data: eventDataSchemas[kind] }),
) as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]];

/** One inbound event (section A without v, seq, room, receivedAt). */
export const inboundEventSchema = z.discriminatedUnion('kind', inboundVariants);

/** The gateway's ingestion body: 1..500 inbound events. */
export const inboundBatchSchema = z.array(inboundEventSchema).min(1).max(500);

type InboundOf<K extends EventKind> = {
  id: string;
  platform: string;
  occurredAt: number | null;
  actor?: z.infer<typeof actorSchema>;
  kind: K;
  data: EventData<K>;
};

export type InboundEvent = { [K in EventKind]: InboundOf<K> }[EventKind];

export type LiveEvent = InboundEvent & { v: 1; seq: number; room: string; receivedAt: number };

export const roomIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'room ids are 1..64 of A-Z a-z 0-9 _ -');

export const liveEventSchema = z.intersection(
  inboundEventSchema,
  z.object({
    v: z.literal(1),
    seq: z.number().int().min(1),
    room: roomIdSchema,
    receivedAt: epochMs,
  }),
);

export type Actor = z.infer<typeof actorSchema>;
export type OrderItem = z.infer<typeof orderItemSchema>;
