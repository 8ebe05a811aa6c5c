/**
 * Damaged files in the data folder (a crash mid-write by an older version, a user's hand edit, a disk
 * error): the engine must start anyway, on defaults, and say in its log which file it could not read.
 * Each start is a real headless engine process on a data folder filled with fast-check garbage.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { startEngineProcess } from '../harness/engine';
import { levelOf } from '../soak/processes';

const FILES = ['obs.json', 'settings.json', 'gateway.json', 'pin.json', 'hotkeys.json', 'tokens.json'] as const;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Garbage of several kinds: bytes, broken JSON, valid JSON of the wrong shape, right keys with wrong types. */
const garbage = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.from(b)),
  fc.string({ maxLength: 200 }).map((s) => Buffer.from(`{${s}`)),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v))),
  fc
    .constantFrom(
      '',
      'null',
      '[]',
      '{"kind":"remote","url":"javascript:alert(1)","room":"","token":1}',
      '{"controlToken":"short","overlayToken":null,"seats":"x"}',
      '{"version":1,"host":"127.0.0.1","port":"4455","passwordSealed":"not-sealed"}',
      '{"pinned":{"productId":{"$gt":""}},"version":-1}',
      '\uFEFF{"autoSession":{"enabled":"yes"}}',
    )
    .map((s) => Buffer.from(s)),
);

async function startOn(files: Partial<Record<(typeof FILES)[number], Buffer>>): Promise<{ log: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'maishou-fuzz-settings-'));
  dirs.push(dataDir);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dataDir, name), bytes);
  const engine = await startEngineProcess({ dataDir });
  try {
    const status = await engine.api('/status');
    expect(status.status).toBe(200);
    const products = await engine.api('/products');
    expect(products.status).toBe(200);
  } finally {
    await engine.stop();
  }
  const logs = readdirSync(join(dataDir, 'logs'))
    .map((f) => readFileSync(join(dataDir, 'logs', f), 'utf8'))
    .join('\n');
  return { log: logs };
}

describe('damaged files in the data folder', () => {
  it('starts on defaults with every settings file garbage, and names each damaged file in the log', async () => {
    const samples = fc.sample(fc.tuple(...FILES.map(() => garbage)), { numRuns: 3, seed: 42 });
    for (const sample of samples) {
      const files = Object.fromEntries(FILES.map((f, i) => [f, sample[i]]));
      const { log } = await startOn(files);
      const errors = log.split('\n').filter((l) => levelOf(l) >= 50);
      expect(errors).toEqual([]);
      for (const f of FILES) {
        // an empty object or `null` may be valid for some files (defaults); anything unreadable is named
        let parsedOk = false;
        try {
          JSON.parse(files[f].toString('utf8'));
          parsedOk = true;
        } catch {
          // garbage
        }
        if (!parsedOk) expect(log, `${f} not named in the log`).toContain(f);
      }
    }
  }, 180_000);

  it('starts with each file alone damaged (broken JSON)', async () => {
    for (const f of FILES) {
      const { log } = await startOn({ [f]: Buffer.from('{"half": ') });
      expect(log).toContain(f);
    }
  }, 180_000);
});
