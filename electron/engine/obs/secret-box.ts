/**
 * Secrets at rest (OBS password, stream key). The engine cannot import electron, so it takes a
 * `SecretBox`: the Electron shell supplies a 32-byte key protected by safeStorage; headless mode keeps a
 * key file with 0600 permissions in the data folder (`loadOrCreateKeyFile`).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface SecretBox {
  /** Encrypts; the result is printable text, safe to store in JSON. */
  seal(plain: string): string;
  /** Decrypts what `seal` made; throws on a wrong key or tampered text. */
  open(sealed: string): string;
}

const PREFIX = 'aesgcm1:';

/** AES-256-GCM with a random 96-bit IV per seal: `aesgcm1:` + base64(iv | tag | ciphertext). */
export function createAesGcmSecretBox(key: Uint8Array): SecretBox {
  if (key.length !== 32) throw new Error('SecretBox key must be 32 bytes');
  const k = Buffer.from(key);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', k, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed secret');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      if (raw.length < 28) throw new Error('sealed secret is truncated');
      const decipher = createDecipheriv('aes-256-gcm', k, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * Headless key: reads a 32-byte key file, or creates one (random, mode 0600). Permissions are
 * re-tightened on every load in case a copy loosened them.
 */
export async function loadOrCreateKeyFile(path: string): Promise<Buffer> {
  try {
    const key = await readFile(path);
    if (key.length !== 32) throw new Error(`${path} is not a 32-byte key`);
    await chmod(path, 0o600).catch(() => undefined);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dirname(path), { recursive: true });
  const key = randomBytes(32);
  // 'wx': never overwrite a key another process just wrote (that would orphan its secrets).
  try {
    await writeFile(path, key, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKeyFile(path);
    throw error;
  }
}
