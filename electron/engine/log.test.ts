import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log';

const flush = (ms = 50) => new Promise((r) => setTimeout(r, ms));

describe('engine log', () => {
  it('writes structured lines with secrets redacted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-'));
    const log = createLogger({ dir, level: 'info' });
    log.info({ obs: { password: 'hunter2', host: '127.0.0.1' }, streamKey: 'live_abc', token: 't0k' }, 'connecting');
    await flush();
    const text = readFileSync(join(dir, 'engine.log'), 'utf8');
    const line = JSON.parse(text.trim().split('\n')[0]);
    expect(line.msg).toBe('connecting');
    expect(line.obs.host).toBe('127.0.0.1');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('live_abc');
    expect(text).not.toContain('t0k');
  });

  it('rotates by size and keeps a bounded number of files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-'));
    const log = createLogger({ dir, maxBytes: 2_000, keep: 3 });
    for (let i = 0; i < 200; i++) log.info({ i }, 'x'.repeat(50));
    await flush(200);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['engine.1.log', 'engine.2.log', 'engine.3.log', 'engine.log']);
    const last = readFileSync(join(dir, 'engine.log'), 'utf8').trim().split('\n').pop()!;
    expect(JSON.parse(last).i).toBe(199);
  });
});
