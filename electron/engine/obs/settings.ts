/**
 * OBS settings persisted as `obs.json` in the data folder: address in clear, password and stream key
 * sealed by a SecretBox. Written atomically (temp file + rename) with 0600 permissions.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ObsPublicSettings } from '../../../shared/contract/obs';
import { writeFileDurable } from '../durable-file';
import type { Logger } from '../log';
import type { SecretBox } from './secret-box';

export interface ObsSettings {
  host: string;
  port: number;
  password: string | null;
  streamServer: string | null;
  streamKey: string | null;
  /** The input the mic mute acts on; null: OBS's first mic (Mic/Aux). */
  micInput: string | null;
}

export const DEFAULT_OBS_SETTINGS: ObsSettings = {
  host: '127.0.0.1',
  port: 4455,
  password: null,
  streamServer: null,
  streamKey: null,
  micInput: null,
};

const fileSchema = z.object({
  version: z.literal(1),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  passwordSealed: z.string().nullable().optional(),
  streamServer: z.string().nullable().optional(),
  streamKeySealed: z.string().nullable().optional(),
  micInput: z.string().nullable().optional(),
});

export const OBS_SETTINGS_FILE = 'obs.json';

/** Reads obs.json; defaults when absent. A secret that cannot be opened (other key) reads as not set. */
export async function loadObsSettings(
  dataDir: string,
  box: SecretBox,
  logger?: Pick<Logger, 'warn'>,
): Promise<ObsSettings> {
  let text: string;
  try {
    text = await readFile(join(dataDir, OBS_SETTINGS_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...DEFAULT_OBS_SETTINGS };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // A damaged obs.json must not stop a show: defaults, and the log says why.
    logger?.warn({ reason: (error as Error).message }, `${OBS_SETTINGS_FILE} is unreadable: using defaults`);
    return { ...DEFAULT_OBS_SETTINGS };
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    logger?.warn({ reason: parsed.error.issues[0]?.message }, `${OBS_SETTINGS_FILE} is not valid: using defaults`);
    return { ...DEFAULT_OBS_SETTINGS };
  }
  const f = parsed.data;
  const open = (sealed: string | null | undefined): string | null => {
    if (!sealed) return null;
    try {
      return box.open(sealed);
    } catch {
      return null;
    }
  };
  return {
    host: f.host,
    port: f.port,
    password: open(f.passwordSealed),
    streamServer: f.streamServer ?? null,
    streamKey: open(f.streamKeySealed),
    micInput: f.micInput ?? null,
  };
}

/** Writes obs.json atomically with secrets sealed. */
export async function saveObsSettings(dataDir: string, box: SecretBox, settings: ObsSettings): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const body: z.infer<typeof fileSchema> = {
    version: 1,
    host: settings.host,
    port: settings.port,
    passwordSealed: settings.password ? box.seal(settings.password) : null,
    streamServer: settings.streamServer,
    streamKeySealed: settings.streamKey ? box.seal(settings.streamKey) : null,
    micInput: settings.micInput,
  };
  const target = join(dataDir, OBS_SETTINGS_FILE);
  const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFileDurable(target, `${JSON.stringify(body, null, 2)}\n`, 0o600, temp);
  await chmod(target, 0o600).catch(() => undefined);
}

/** What seats may see of the settings. */
export function publicSettings(s: ObsSettings): ObsPublicSettings {
  return {
    host: s.host,
    port: s.port,
    hasPassword: Boolean(s.password),
    streamServer: s.streamServer,
    hasStreamKey: Boolean(s.streamKey),
    micInput: s.micInput,
  };
}

/** The settings after a connect: a new address or password; `password: ''` clears it, undefined keeps it. */
export function withConnectArgs(
  settings: ObsSettings,
  args: { host?: string; port?: number; password?: string },
): ObsSettings {
  return {
    ...settings,
    host: args.host ?? settings.host,
    port: args.port ?? settings.port,
    password: args.password === undefined ? settings.password : args.password || null,
  };
}
