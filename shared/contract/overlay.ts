/**
 * Overlays on the stream (PROTOCOL.md E): what the four OBS browser-source pages show, their settings,
 * and the seat commands that change them. The overlay state carries only what viewers may see: buyers'
 * names arrive already masked (小*), never in full.
 */
import { z } from 'zod';
import { moneySchema } from '../events';
import type { Language } from '../language';
import type { Money } from '../money';
import { command, HOST_ONLY, OPERATORS, viaCommand } from './define';
import type { HighlightState } from './feed';

export const OVERLAY_NAMES = ['product', 'chat', 'orders', 'goal'] as const;
export type OverlayName = (typeof OVERLAY_NAMES)[number];

/** The 讲解中 card: everything the product overlay and the PNG card draw. */
export interface ProductCard {
  productId: string;
  title: string;
  /** URL the page can load (same-origin path or https), or null for no picture. */
  image: string | null;
  /** 链接号 (3号链接). */
  linkNo: number;
  price: Money;
  /** Shown struck through; null when absent or not above the price. */
  originalPrice: Money | null;
  /** Null without a higher original price. */
  discount: CardDiscount | null;
  /** Units left in stock (never negative); null when the catalogue gives no stock. */
  stock: number | null;
  /** Units sold in this session (paid). */
  sold: number;
  /** 限量 for this pin, when the host set one: the card then shows how many of the limit are left. */
  stockLimit: number | null;
  /** 秒杀 countdown end (ms since epoch), when set. */
  countdownEndsAt: number | null;
  /** Pin version that put this card up; a page ignores nothing but uses it to replay the entrance. */
  pinVersion: number;
  pinnedAt: number;
}

export interface CardDiscount {
  /** 折 in tenths: 78 means 7.8折 (price / original x 10, rounded half-up with integer maths). */
  zheTenths: number;
  /** Saving in minor units (立省). */
  saving: Money;
}

/** One order on the ticker. `name` is masked on the server (first character + '*'). */
export interface OverlayOrderTick {
  id: string;
  at: number;
  name: string;
  /** Total units in the order. */
  qty: number;
  /** Title of the first line, when known (shortened on screen). */
  title: string | null;
}

/** One live comment for the chat overlay's filtered live mode. */
export interface OverlayChatLine {
  id: string;
  at: number;
  name: string;
  text: string;
  question: boolean;
}

export interface OverlayGoal {
  target: Money | null;
  /** Paid GMV of the running session. */
  current: Money;
  title: string;
}

export interface OverlayPlacement {
  /** Top-left corner in 1920x1080 layout units. */
  x: number;
  y: number;
  /** 0.5..2, applied around the top-left corner. */
  scale: number;
  visible: boolean;
}

export type OverlayTheme = 'light' | 'dark';
/** `highlights`: only comments the host pins; `questions`: plus viewers' live questions; `all`: plus all live chat. */
export type ChatOverlayMode = 'highlights' | 'questions' | 'all';

export interface OverlaySettings {
  theme: OverlayTheme;
  /** #rrggbb */
  brandColor: string;
  language: Language;
  placement: Record<OverlayName, OverlayPlacement>;
  goalTarget: Money | null;
  goalTitle: string;
  chatMode: ChatOverlayMode;
}

/** Everything an overlay page needs: sent whole on connect, then as changed slices. */
export interface OverlayState {
  product: ProductCard | null;
  highlights: HighlightState;
  chat: OverlayChatLine[];
  orders: OverlayOrderTick[];
  goal: OverlayGoal;
  settings: OverlaySettings;
}

/** Events on the `/overlay` socket.io namespace (server -> page). */
export interface OverlayEvents {
  snapshot: OverlayState;
  patch: Partial<OverlayState>;
}

const placementSchema = z
  .object({
    x: z.number().int().min(-1920).max(1920),
    y: z.number().int().min(-1080).max(1080),
    scale: z.number().min(0.5).max(2),
    visible: z.boolean(),
  })
  .strict();

export const overlaySettingsSchema = z
  .object({
    theme: z.enum(['light', 'dark']),
    brandColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'brandColor must be #rrggbb'),
    language: z.enum(['zh-CN', 'en']),
    placement: z
      .object({
        product: placementSchema,
        chat: placementSchema,
        orders: placementSchema,
        goal: placementSchema,
      })
      .strict(),
    goalTarget: moneySchema.refine((m) => m.amount > 0, 'goalTarget must be above zero').nullable(),
    goalTitle: z.string().max(20),
    chatMode: z.enum(['highlights', 'questions', 'all']),
  })
  .strict();

/** A settings change: any top-level field, placement per overlay and per field. */
export const overlaySettingsPatchSchema = overlaySettingsSchema
  .extend({
    placement: z
      .object({
        product: placementSchema.partial(),
        chat: placementSchema.partial(),
        orders: placementSchema.partial(),
        goal: placementSchema.partial(),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();
export type OverlaySettingsPatch = z.infer<typeof overlaySettingsPatchSchema>;

/** What "set up OBS" did, per studio-owned source. */
export interface ObsOverlaySetupReport {
  sceneName: string;
  sceneCreated: boolean;
  kind: 'browser_source' | 'image_source';
  created: string[];
  repaired: string[];
  unchanged: string[];
}

export type OverlayUrls = Record<OverlayName, string>;

export const overlayCommands = {
  'overlay.settings.get': command<OverlaySettings>()(z.object({}).strict(), OPERATORS),
  'overlay.settings.set': command<OverlaySettings>()(overlaySettingsPatchSchema, OPERATORS),
  /** The four page URLs with the overlay token, for copy buttons and previews. */
  'overlay.urls': command<OverlayUrls>()(z.object({}).strict(), OPERATORS),
  /**
   * Creates or repairs the studio's overlay sources (all four, or those named) in a scene of the
   * connected OBS; without a scene, in the program scene. Running it again repairs, never duplicates.
   */
  'overlay.setupObs': command<ObsOverlaySetupReport>()(
    z
      .object({
        sceneName: z.string().min(1).max(200).optional(),
        overlays: z.array(z.enum(OVERLAY_NAMES)).min(1).max(4).optional(),
      })
      .strict(),
    HOST_ONLY,
  ),
};

/** `POST /obs/overlays` (PROTOCOL D, host only): the setup command, answered in the protocol's words. */
export const overlayRoutes = {
  'POST /obs/overlays': viaCommand(overlayCommands, 'overlay.setupObs', {
    body: z
      .object({
        scene: z.string().min(1).max(200).optional(),
        overlays: z.array(z.enum(OVERLAY_NAMES)).min(1).max(4).optional(),
      })
      .strict(),
    args: ({ body }) => ({ sceneName: body.scene, overlays: body.overlays }),
    reply: ({ sceneName, kind, created, repaired, unchanged }) => ({
      scene: sceneName,
      kind,
      created,
      repaired,
      unchanged,
    }),
  }),
};

export interface OverlayStateSlice {
  overlay: { settings: OverlaySettings };
}
