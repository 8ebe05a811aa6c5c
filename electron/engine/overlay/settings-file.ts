/** `overlay.json` in the data folder, written durably (tmp + fsync + rename): a crash never leaves half a file. */
import type { OverlaySettings } from '../../../shared/contract/overlay';
import { writeFileDurable } from '../durable-file';

export async function saveOverlaySettings(file: string, settings: OverlaySettings): Promise<void> {
  await writeFileDurable(file, `${JSON.stringify(settings, null, 2)}\n`, 0o600);
}
