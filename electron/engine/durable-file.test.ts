import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensurePrivateDir, flushHooks, writeFileDurable, writeFileDurableSync } from './durable-file';
import { JsonFileWriter } from './json-file';
import { TokenStore } from './tokens';

const root = mkdtempSync(join(tmpdir(), 'maishou-durable-'));
const synced: string[] = [];
flushHooks.onFsync = (what, path) => synced.push(`${what}:${path.split('/').pop()}`);
afterEach(() => {
  synced.length = 0;
});

describe('durable writes', () => {
  it('flushes the file before the rename and the folder after it, leaving no temp file', async () => {
    const dir = join(root, 'a');
    await writeFileDurable(join(dir, 'x.json'), '{"a":1}');
    expect(readFileSync(join(dir, 'x.json'), 'utf8')).toBe('{"a":1}');
    expect(statSync(join(dir, 'x.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['x.json']);
    expect(synced).toEqual([`file:x.json.${process.pid}.tmp`, 'dir:a']);
  });

  it('is what the settings writer and the token store use', async () => {
    const dir = join(root, 'b');
    await new JsonFileWriter(join(dir, 'settings.json')).write({ ok: true });
    expect(synced).toEqual([expect.stringMatching(/^file:settings\.json\..*\.tmp$/), 'dir:b']);
    synced.length = 0;
    const tokens = new TokenStore(join(dir, 'tokens.json'));
    expect(synced).toEqual([`file:tokens.json.${process.pid}.tmp`, 'dir:b']);
    tokens.createSeat('viewer', 'phone');
    expect(synced).toHaveLength(4);
    writeFileDurableSync(join(dir, 'y'), 'y');
    expect(readFileSync(join(dir, 'y'), 'utf8')).toBe('y');
  });

  it('creates the data folder 0700 and tightens one that others can read', () => {
    const fresh = join(root, 'data');
    expect(ensurePrivateDir(fresh)).toBe(false);
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    const open = join(root, 'open');
    mkdirSync(open, { mode: 0o755 });
    expect(ensurePrivateDir(open)).toBe(true);
    expect(statSync(open).mode & 0o777).toBe(0o700);
    rmSync(root, { recursive: true, force: true });
  });
});
