import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from './log';

describe('log', () => {
  it('writes structured lines with secrets redacted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-'));
    const log = createLogger({ dir, level: 'info' });
    log.info({ obs: { password: 'hunter2', host: '127.0.0.1' }, streamKey: 'live_abc', token: 't0k' }, 'connecting');
    // pino writes asynchronously: wait for the line rather than for a fixed time (busy CI machines).
    const text = await vi.waitFor(() => {
      const t = readFileSync(join(dir, 'engine.log'), 'utf8');
      if (!t.includes('connecting')) throw new Error('not yet written');
      return t;
    });
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
    await vi.waitFor(
      () => {
        const last = readFileSync(join(dir, 'engine.log'), 'utf8').trim().split('\n').pop()!;
        expect(JSON.parse(last).i).toBe(199);
      },
      { timeout: 10_000 },
    );
    expect(readdirSync(dir).sort()).toEqual(['engine.1.log', 'engine.2.log', 'engine.3.log', 'engine.log']);
  });
});
