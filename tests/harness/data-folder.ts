/**
 * Every file of a running engine's data folder with its bytes, for "this secret is written nowhere"
 * checks. The engine keeps writing while this reads: a file gone between the listing and the read (a
 * temp file renamed to its final name, which the listing also holds) is left out, not an error.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const gone = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

function files(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if (gone(error)) return [];
    throw error;
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return [];
    return stat.isDirectory() ? files(path) : [path];
  });
}

/** [path, bytes] of each file under `dir` that still exists when it is read. */
export function readDataFolder(dir: string): [string, Buffer][] {
  return files(dir).flatMap((path): [string, Buffer][] => {
    try {
      return [[path, readFileSync(path)]];
    } catch (error) {
      if (gone(error)) return [];
      throw error;
    }
  });
}
