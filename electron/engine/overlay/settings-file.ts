/** `overlay.json` in the data folder, written atomically (tmp + rename): a crash never leaves half a file. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { OverlaySettings } from '../../../shared/contract/overlay';

export async function saveOverlaySettings(file: string, settings: OverlaySettings): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(settings, null, 2)}\n`);
  await rename(tmp, file);
}
