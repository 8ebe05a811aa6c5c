import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAesGcmSecretBox, loadOrCreateKeyFile } from './secret-box';
import { DEFAULT_OBS_SETTINGS, loadObsSettings, publicSettings, saveObsSettings } from './settings';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'maishou-obs-settings-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('SecretBox (AES-256-GCM)', () => {
  it('round-trips, uses a fresh IV each time, refuses a wrong key or tampering', () => {
    const box = createAesGcmSecretBox(randomBytes(32));
    const a = box.seal('live_123?sign=秘密');
    const b = box.seal('live_123?sign=秘密');
    expect(a).not.toBe(b);
    expect(a).not.toContain('live_123');
    expect(box.open(a)).toBe('live_123?sign=秘密');
    expect(() => createAesGcmSecretBox(randomBytes(32)).open(a)).toThrow();
    const tampered = `${a.slice(0, -4)}${a.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect(() => box.open(tampered)).toThrow();
    expect(() => createAesGcmSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });

  it('headless key file is created once with 0600 and reused', async () => {
    const dir = tempDir();
    const path = join(dir, 'keys', 'secret.key');
    const k1 = await loadOrCreateKeyFile(path);
    const k2 = await loadOrCreateKeyFile(path);
    expect(k1.equals(k2)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});

describe('obs.json', () => {
  it('defaults when absent; saves secrets sealed (never in clear) with 0600 and loads them back', async () => {
    const dir = tempDir();
    const box = createAesGcmSecretBox(randomBytes(32));
    expect(await loadObsSettings(dir, box)).toEqual(DEFAULT_OBS_SETTINGS);
    const settings = {
      ...DEFAULT_OBS_SETTINGS,
      port: 4460,
      password: 'hunter2-obs',
      streamServer: 'rtmp://push.example.com/live/',
      streamKey: 'stream-1?sign=abcdef',
    };
    await saveObsSettings(dir, box, settings);
    const raw = readFileSync(join(dir, 'obs.json'), 'utf8');
    expect(raw).not.toContain('hunter2-obs');
    expect(raw).not.toContain('sign=abcdef');
    expect(raw).toContain('rtmp://push.example.com/live/');
    expect(statSync(join(dir, 'obs.json')).mode & 0o777).toBe(0o600);
    expect(await loadObsSettings(dir, box)).toEqual(settings);
    expect(publicSettings(settings)).toEqual({
      host: '127.0.0.1',
      port: 4460,
      hasPassword: true,
      streamServer: 'rtmp://push.example.com/live/',
      hasStreamKey: true,
      micInput: null,
    });
  });

  it('secrets sealed with another key read as not set (the address survives)', async () => {
    const dir = tempDir();
    await saveObsSettings(dir, createAesGcmSecretBox(randomBytes(32)), {
      ...DEFAULT_OBS_SETTINGS,
      port: 4461,
      password: 'x',
    });
    const loaded = await loadObsSettings(dir, createAesGcmSecretBox(randomBytes(32)));
    expect(loaded.port).toBe(4461);
    expect(loaded.password).toBeNull();
  });
});
