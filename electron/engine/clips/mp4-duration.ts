/**
 * An MP4 file's duration from its movie header (moov/mvhd), read with a few small reads: starting
 * ffmpeg once per clip just to ask it would cost more than cutting the clip.
 */
import { type FileHandle, open } from 'node:fs/promises';

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** Walks the boxes in [start, end) for `type`; returns its payload's start and end. */
async function findBox(
  file: FileHandle,
  start: number,
  end: number,
  type: string,
): Promise<{ start: number; end: number } | null> {
  let at = start;
  while (at + 8 <= end) {
    const head = await readAt(file, at, 16);
    if (head.length < 8) return null;
    let size = head.readUInt32BE(0);
    let headerSize = 8;
    if (size === 1) {
      if (head.length < 16) return null;
      size = Number(head.readBigUInt64BE(8));
      headerSize = 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < headerSize) return null;
    if (head.toString('latin1', 4, 8) === type) return { start: at + headerSize, end: at + size };
    at += size;
  }
  return null;
}

/** Duration in ms from moov/mvhd, or null when the file is not a readable MP4. */
export async function mp4DurationMs(path: string): Promise<number | null> {
  let file: FileHandle | null = null;
  try {
    file = await open(path, 'r');
    const { size } = await file.stat();
    const moov = await findBox(file, 0, size, 'moov');
    const mvhd = moov && (await findBox(file, moov.start, moov.end, 'mvhd'));
    if (!mvhd) return null;
    const body = await readAt(file, mvhd.start, 32);
    const version = body[0];
    const timescale = version === 1 ? body.readUInt32BE(20) : body.readUInt32BE(12);
    const duration = version === 1 ? Number(body.readBigUInt64BE(24)) : body.readUInt32BE(16);
    return timescale > 0 ? Math.round((duration / timescale) * 1000) : null;
  } catch {
    return null;
  } finally {
    await file?.close();
  }
}
