/**
 * A small real filesystem that can be filled up (a full disk, ENOSPC for real): a tmpfs mounted as root.
 * Where mounting is impossible (not root, no tmpfs) `mountSmallDisk` throws, and the test says so.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  dir: string;
  /** Writes a filler file until the disk refuses (ENOSPC); returns its size. */
  fill(): number;
  /** Removes the filler: space is back. */
  free(): void;
  /**
   * Shrinks the filesystem to what is in use now, then fills the rest: full at once without writing a
   * large filler into memory. `restore` gives the space back.
   */
  fillNow(): void;
  restore(): void;
  unmount(): void;
}

export function mountSmallDisk(sizeBytes = 2 * 1024 * 1024): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'maishou-smalldisk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir]);
  const filler = join(dir, 'filler.bin');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      const block = Buffer.alloc(64 * 1024, 1);
      let written = 0;
      try {
        for (;;) {
          try {
            written += writeSync(fd, block);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
            break;
          }
        }
        // The last, smaller blocks: leave no room even for a page.
        const small = Buffer.alloc(512, 1);
        for (;;) {
          try {
            written += writeSync(fd, small);
          } catch {
            break;
          }
        }
      } finally {
        closeSync(fd);
      }
      return written;
    },
    free() {
      rmSync(filler, { force: true });
    },
    fillNow() {
      const s = statfsSync(dir);
      const used = (s.blocks - s.bfree) * s.bsize;
      execFileSync('mount', ['-o', `remount,size=${used + 256 * 1024}`, dir]);
      this.fill();
    },
    restore() {
      rmSync(filler, { force: true });
      execFileSync('mount', ['-o', `remount,size=${sizeBytes}`, dir]);
    },
    unmount() {
      try {
        execFileSync('umount', ['-l', dir]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
