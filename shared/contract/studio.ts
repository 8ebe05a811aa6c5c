/**
 * Sessions, products, gateway and studio settings as seat commands. The same ledger serves the control
 * API routes; these are how the console does the same things.
 */
import { z } from 'zod';
import { idSchema, roomIdSchema } from '../events';
import { command, HOST_ONLY, OPERATORS } from './define';
import type { Product } from './products';
import type { SessionInfo } from './session';

export interface ImportResult {
  imported: number;
  errors: { line: number; message: string }[];
}

export interface StudioSettings {
  /** Start a session when OBS starts streaming; stop it `graceSeconds` after streaming stops. */
  autoSession: { enabled: boolean; graceSeconds: number };
  /** Open questions count as answered once their product has been pinned this long. */
  autoAnswerSeconds: number;
  /** When the host finished the first-run setup (ms since epoch); absent: the console offers it on start. */
  setupCompletedAt?: number;
}

export const DEFAULT_STUDIO_SETTINGS: StudioSettings = {
  autoSession: { enabled: false, graceSeconds: 120 },
  autoAnswerSeconds: 10,
};

export const studioSettingsSchema = z
  .object({
    autoSession: z.object({ enabled: z.boolean(), graceSeconds: z.number().int().min(0).max(3600) }).strict(),
    autoAnswerSeconds: z.number().int().min(0).max(600),
    setupCompletedAt: z.number().int().nonnegative().optional(),
  })
  .strict();

export const gatewayConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo'), speed: z.number().min(1).max(100).optional() }).strict(),
  z
    .object({
      kind: z.literal('remote'),
      url: z.string().regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL'),
      room: roomIdSchema,
      token: z.string().min(1).max(500),
    })
    .strict(),
]);
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

const productPatch = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    price: z.object({ amount: z.number().int().nonnegative(), currency: z.string().regex(/^[A-Z]{3}$/) }).optional(),
    originalPrice: z
      .object({ amount: z.number().int().nonnegative(), currency: z.string().regex(/^[A-Z]{3}$/) })
      .nullable()
      .optional(),
    stock: z.number().int().nonnegative().nullable().optional(),
    image: z.string().max(2000).nullable().optional(),
    linkNo: z.number().int().min(1).max(9999).optional(),
  })
  .strict();

export interface InterruptedSession {
  session: SessionInfo;
}

export const studioCommands = {
  'session.start': command<SessionInfo>()(
    z.object({ title: z.string().trim().max(200).optional(), rehearsal: z.boolean().optional() }).strict(),
    HOST_ONLY,
  ),
  'session.stop': command<SessionInfo>()(z.object({ confirm: z.literal(true) }).strict(), HOST_ONLY),
  'session.resume': command<SessionInfo>()(z.object({ id: idSchema }).strict(), HOST_ONLY),
  'session.closeInterrupted': command<SessionInfo>()(z.object({ id: idSchema }).strict(), HOST_ONLY),
  'products.import': command<ImportResult>()(
    z
      .object({
        fileName: z.string().max(260),
        /** The file's bytes, base64 (CSV in UTF-8 or GBK, or XLSX). */
        contentBase64: z.string().max(28_000_000),
        charset: z.enum(['utf-8', 'gbk']).optional(),
      })
      .strict(),
    OPERATORS,
  ),
  'products.update': command<Product>()(z.object({ productId: idSchema, patch: productPatch }).strict(), OPERATORS),
  'products.reorder': command<{ products: Product[] }>()(
    z.object({ productIds: z.array(idSchema).max(10_000) }).strict(),
    OPERATORS,
  ),
  'products.delete': command<{ deleted: string }>()(z.object({ productId: idSchema }).strict(), OPERATORS),
  'settings.set': command<StudioSettings>()(studioSettingsSchema, HOST_ONLY),
  'gateway.configure': command<{ source: string; room: string }>()(gatewayConfigSchema, HOST_ONLY),
};

export interface StudioStateSlice {
  settings: StudioSettings;
  /** A session a crash left open: the host resumes or closes it. */
  interrupted: SessionInfo | null;
  /** A message for the host when the ledger had to recover from a damaged file. */
  ledgerNotice: string | null;
}
