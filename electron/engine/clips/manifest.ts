/**
 * `clips.json` in a session's clip folder: what the studio cut there (segment, product, length, size),
 * so the recap lists clips without probing every file again. Files deleted by the user drop out of the
 * list; the manifest is replaced atomically (temp file + rename).
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ClipEntry } from '../../../shared/recordings/types';

export type { ClipEntry } from '../../../shared/recordings/types';

export const MANIFEST = 'clips.json';

const entrySchema: z.ZodType<ClipEntry> = z.object({
  segment: z.number().int().nonnegative(),
  productId: z.string(),
  name: z.string(),
  path: z.string(),
  cover: z.string(),
  durationMs: z.number(),
  sizeBytes: z.number(),
  mode: z.enum(['fast', 'exact']),
  leadInMs: z.number(),
  createdAt: z.number(),
});

export function readManifest(folder: string): ClipEntry[] {
  try {
    const parsed = z
      .object({ clips: z.array(entrySchema) })
      .safeParse(JSON.parse(readFileSync(join(folder, MANIFEST), 'utf8')));
    return parsed.success ? parsed.data.clips : [];
  } catch {
    return [];
  }
}

/** Adds (or replaces, by path) entries. */
export function writeManifest(folder: string, entries: readonly ClipEntry[]): void {
  const byPath = new Map(readManifest(folder).map((e) => [e.path, e]));
  for (const e of entries) byPath.set(e.path, e);
  const file = join(folder, MANIFEST);
  writeFileSync(`${file}.tmp`, JSON.stringify({ clips: [...byPath.values()] }, null, 2));
  renameSync(`${file}.tmp`, file);
}

/** The clips still on disk, with their current size, in segment order. */
export function listClips(folder: string): ClipEntry[] {
  return readManifest(folder)
    .flatMap((e) => {
      try {
        return [{ ...e, sizeBytes: statSync(e.path).size }];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a.segment - b.segment || a.createdAt - b.createdAt);
}
