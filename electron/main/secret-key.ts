/**
 * The engine's key for secrets at rest (OBS password, stream key): 32 random bytes, stored encrypted
 * by the OS keychain through Electron's safeStorage. Handed to the engine in its environment.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';

export function loadSecretKey(userData: string): string | null {
  if (!safeStorage.isEncryptionAvailable()) return null; // the engine then keeps a 0600 key file
  const file = join(userData, 'secret.key.enc');
  if (existsSync(file)) {
    try {
      return safeStorage.decryptString(readFileSync(file));
    } catch {
      // The keychain entry changed (new OS account, restored backup): start a new key.
    }
  }
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, safeStorage.encryptString(key), { mode: 0o600 });
  return key;
}
