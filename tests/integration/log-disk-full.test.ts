/**
 * The log file on a real full disk (a small tmpfs) and with a rotation that cannot rename: logging never
 * throws into the process, refused lines are counted, and no half line is left behind.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createFileLogger } from '../../node-common/log';
import { mountSmallDisk } from '../harness/tmpfs';

describe('log file faults', () => {
  it('survives a full disk: lines are dropped and counted, and writing resumes when space returns', async () => {
    const disk = mountSmallDisk(1024 * 1024);
    try {
      const { logger, file } = createFileLogger({ dir: join(disk.dir, 'logs'), level: 'info' });
      const changes: (string | null)[] = [];
      file!.onHealth((h) => changes.push(h.failing?.code ?? null));
      logger.info('before');
      await vi.waitFor(() => expect(readFileSync(join(disk.dir, 'logs', 'engine.log'), 'utf8')).toContain('before'));
      disk.fill();
      // Without an error listener the first refused write would end this very process (the test runner).
      for (let i = 0; i < 300; i++) logger.info({ i }, 'y'.repeat(200));
      await vi.waitFor(() => expect(file!.health.droppedLines).toBeGreaterThan(0), { timeout: 10_000 });
      expect(file!.health.failing?.code).toBe('ENOSPC');
      disk.free();
      await new Promise((r) => setTimeout(r, 1_100)); // the file is reopened at most once a second
      logger.info('after');
      await vi.waitFor(() => expect(readFileSync(join(disk.dir, 'logs', 'engine.log'), 'utf8')).toContain('after'), {
        timeout: 10_000,
      });
      expect(file!.health.failing).toBeNull();
      expect(changes).toEqual(['ENOSPC', null]);
      // No half line left behind by a refused write: every line parses.
      for (const line of readFileSync(join(disk.dir, 'logs', 'engine.log'), 'utf8')
        .trim()
        .split('\n'))
        expect(() => JSON.parse(line)).not.toThrow();
      logger.flush();
    } finally {
      disk.unmount();
    }
  });

  it('keeps logging when rotation cannot rename (rename throws inside the write)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-'));
    // A non-empty folder where the first rotated file should go: renameSync throws.
    mkdirSync(join(dir, 'engine.1.log'));
    writeFileSync(join(dir, 'engine.1.log', 'x'), 'x');
    const { logger, file } = createFileLogger({ dir, maxBytes: 500, keep: 2 });
    const changes: (string | null)[] = [];
    file!.onHealth((h) => changes.push(h.failing?.code ?? null));
    for (let i = 0; i < 50; i++) logger.info({ i }, 'z'.repeat(50));
    await vi.waitFor(() => {
      const last = readFileSync(join(dir, 'engine.log'), 'utf8').trim().split('\n').pop()!;
      expect(JSON.parse(last).i).toBe(49);
    });
    // The failed rename was reported, and cleared by the next line that reached the disk.
    expect(changes[0]).toMatch(/^E/);
    expect(changes.at(-1)).toBeNull();
    expect(file!.health.droppedLines).toBe(0);
  });
});
