/**
 * Files that must survive a power cut: written to a temp name, flushed to disk (fsync), renamed over
 * the old one, and the folder flushed so the rename itself is on disk. Without the two fsyncs a crash
 * right after the rename can leave an empty file where settings or tokens were. The data folder is
 * the user's alone (0700): it holds tokens and sealed secrets.
 */
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { mkdir, open, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** What the writers call to flush; tests count the calls. */
export const flushHooks: { onFsync: (what: 'file' | 'dir', path: string) => void } = { onFsync: () => undefined };

const canSyncDirs = process.platform !== 'win32'; // Windows cannot open a folder to flush it

async function syncDir(dir: string): Promise<void> {
  if (!canSyncDirs) return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
    flushHooks.onFsync('dir', dir);
  } finally {
    await handle.close();
  }
}

export async function writeFileDurable(
  file: string,
  data: string | Uint8Array,
  mode = 0o600,
  tmp = `${file}.${process.pid}.tmp`,
): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const handle = await open(tmp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
    flushHooks.onFsync('file', tmp);
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
  await syncDir(dirname(file));
}

/**
 * Replaces `file` whole (temp name, then rename) without flushing to disk: a reader never sees half a
 * file, but a power cut may lose it. For files rebuilt from state anyway (the PNG card), where an fsync
 * would only slow the write down.
 */
export async function replaceFile(file: string, data: Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

export function writeFileDurableSync(file: string, data: string | Uint8Array, mode = 0o600): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    writeSync(fd, bytes, 0, bytes.length);
    fsyncSync(fd);
    flushHooks.onFsync('file', tmp);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  if (canSyncDirs) {
    const dfd = openSync(dirname(file), 'r');
    try {
      fsyncSync(dfd);
      flushHooks.onFsync('dir', dirname(file));
    } finally {
      closeSync(dfd);
    }
  }
}

/**
 * Creates the data folder readable by this user only; an existing one open to others is tightened.
 * Returns true when it had to tighten it (the engine logs that).
 */
export function ensurePrivateDir(dir: string): boolean {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return false; // ACLs there: the per-user AppData folder is private
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o077) === 0) return false;
  chmodSync(dir, 0o700);
  return true;
}
