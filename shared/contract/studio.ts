/**
 * Sessions, products, gateway and studio settings: the seat commands and, beside them, the control API
 * routes of PROTOCOL.md D over the same handlers.
 */
import { z } from 'zod';
import { idSchema, roomIdSchema } from '../events';
import { ANY_ROLE, command, type FileReply, HOST_ONLY, OPERATORS, route, viaCommand } from './define';
import { newProductSchema, type Product, productPatchSchema } from './products';
import type { SessionInfo, SessionStats, SessionSummary } from './session';

export interface ImportResult {
  imported: number;
  errors: { line: number; message: string }[];
}

export interface StudioSettings {
  /** Start a session when OBS starts streaming; stop it `graceSeconds` after streaming stops. */
  autoSession: { enabled: boolean; graceSeconds: number };
  /** Open questions count as answered once their product has been pinned this long. */
  autoAnswerSeconds: number;
  recording: RecordingSettings;
  /** When the host finished the first-run setup (ms since epoch); absent: the console offers it on start. */
  setupCompletedAt?: number;
}

/** The recording and its clips (issue 19). */
export interface RecordingSettings {
  /** Start OBS recording whenever OBS goes live (and it is not recording already). */
  whenLive: boolean;
  /** The ffmpeg that cuts clips: the one bundled with the app, or the system's (`ffmpeg` on PATH). */
  ffmpeg: 'bundled' | 'system';
  /** Where sessions' clip folders go; null: beside the session's first recording. */
  clipsFolder: string | null;
}

export const DEFAULT_RECORDING_SETTINGS: RecordingSettings = { whenLive: false, ffmpeg: 'bundled', clipsFolder: null };

export const DEFAULT_STUDIO_SETTINGS: StudioSettings = {
  autoSession: { enabled: false, graceSeconds: 120 },
  autoAnswerSeconds: 10,
  recording: DEFAULT_RECORDING_SETTINGS,
};

export const studioSettingsSchema = z
  .object({
    autoSession: z.object({ enabled: z.boolean(), graceSeconds: z.number().int().min(0).max(3600) }).strict(),
    autoAnswerSeconds: z.number().int().min(0).max(600),
    // Settings files written before issue 19 have no `recording`: they keep working with the defaults.
    recording: z
      .object({
        whenLive: z.boolean(),
        ffmpeg: z.enum(['bundled', 'system']),
        clipsFolder: z.string().trim().min(1).max(1000).nullable(),
      })
      .strict()
      .default(DEFAULT_RECORDING_SETTINGS),
    setupCompletedAt: z.number().int().nonnegative().optional(),
  })
  .strict();

/**
 * The live room of the bridges-only choice (`{ kind: 'local' }`): no gateway link and no simulator, only
 * this computer's bridges. Its ledger room and the `gateway` state's `source` and `room` carry this name.
 */
export const LOCAL_ROOM = 'local';

/**
 * Where live events come from besides local bridges: the built-in demo room (simulated audience), a
 * team's gateway, or none (`local`: only this computer's bridges).
 */
export const gatewayConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo'), speed: z.number().min(1).max(100).optional() }).strict(),
  z.object({ kind: z.literal('local') }).strict(),
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

/**
 * How the `gateway` state and the engine's ready line name a live room (`source`: "demo", "local" or the
 * gateway's URL) and the ledger room its sessions are recorded in.
 */
export function liveRoomName(config: GatewayConfig): { source: string; room: string } {
  if (config.kind === 'remote') return { source: config.url, room: config.room };
  return config.kind === 'local' ? { source: LOCAL_ROOM, room: LOCAL_ROOM } : { source: 'demo', room: 'demo' };
}

export interface InterruptedSession {
  session: SessionInfo;
}

export const studioCommands = {
  'session.start': command<SessionInfo>()(
    z
      .object({
        title: z.string().trim().max(200).optional(),
        room: roomIdSchema.optional(),
        /** 彩排: left out of comparison baselines unless asked for (the demo room's sessions always are). */
        rehearsal: z.boolean().optional(),
      })
      .strict(),
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
  'products.update': command<Product>()(
    z.object({ productId: idSchema, patch: productPatchSchema }).strict(),
    OPERATORS,
  ),
  'products.reorder': command<{ products: Product[] }>()(
    z.object({ productIds: z.array(idSchema).max(10_000) }).strict(),
    OPERATORS,
  ),
  'products.delete': command<{ deleted: string }>()(z.object({ productId: idSchema }).strict(), OPERATORS),
  'settings.set': command<StudioSettings>()(studioSettingsSchema, HOST_ONLY),
  'gateway.configure': command<{ source: string; room: string }>()(gatewayConfigSchema, HOST_ONLY),
};

/** Bodies a route ignores (PROTOCOL D names none): any JSON object is accepted, unknown keys dropped. */
const noBody = z.looseObject({});

/** The largest catalogue file accepted over HTTP. */
export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

export const studioRoutes = {
  'GET /sessions': route<{ sessions: SessionSummary[] }>()({ roles: ANY_ROLE }),
  'POST /sessions/start': viaCommand(studioCommands, 'session.start', { reply: (session) => ({ session }) }),
  // PROTOCOL D's stop takes no confirm: a control-API call is already a deliberate act (a macro key, a
  // script); the seat's confirm guards a click. Everything else is the seat command's.
  'POST /sessions/stop': viaCommand(studioCommands, 'session.stop', {
    body: noBody,
    args: () => ({ confirm: true as const }),
    reply: (session) => ({ session }),
  }),
  // PROTOCOL D: a session a crash left open past the resume window is settled by the console's own commands.
  'POST /sessions/:id/resume': viaCommand(studioCommands, 'session.resume', {
    body: noBody,
    args: ({ params }) => ({ id: params.id }),
    reply: (session) => ({ session }),
  }),
  'POST /sessions/:id/close': viaCommand(studioCommands, 'session.closeInterrupted', {
    body: noBody,
    args: ({ params }) => ({ id: params.id }),
    reply: (session) => ({ session }),
  }),
  'GET /sessions/:id/stats': route<SessionStats>()({ roles: ANY_ROLE }),
  // exports carry buyer ids: the host's only (PROTOCOL D roles)
  'GET /sessions/:id/export': route<FileReply>()({
    roles: HOST_ONLY,
    query: z.object({ format: z.enum(['json', 'csv']).default('json') }),
  }),
  // The live room (demo, the team's gateway, or bridges only): the console's own command, saved in gateway.json.
  'PUT /gateway': viaCommand(studioCommands, 'gateway.configure', { reply: (gateway) => ({ gateway }) }),
  'GET /products': route<{ products: Product[] }>()({ roles: ANY_ROLE }),
  'POST /products': route<{ product: Product }>()({ roles: OPERATORS, body: newProductSchema }),
  // The file itself is the body (CSV in UTF-8 or GBK, or XLSX); the seat command sends it in base64.
  'POST /products/import': route<ImportResult>()({ roles: OPERATORS, body: 'bytes', bodyLimit: IMPORT_BODY_LIMIT }),
  'PUT /products/order': viaCommand(studioCommands, 'products.reorder'),
  'PATCH /products/:id': viaCommand(studioCommands, 'products.update', {
    body: productPatchSchema,
    args: ({ params, body }) => ({ productId: params.id, patch: body }),
    reply: (product) => ({ product }),
  }),
  'DELETE /products/:id': viaCommand(studioCommands, 'products.delete', {
    body: noBody,
    args: ({ params }) => ({ productId: params.id }),
  }),
};

export interface StudioStateSlice {
  settings: StudioSettings;
  /** A session a crash left open: the host resumes or closes it. */
  interrupted: SessionInfo | null;
  /** A message for the host when the ledger had to recover from a damaged file. */
  ledgerNotice: string | null;
}
