/**
 * Small JSON files in the data folder (pin state, settings): read validated, written atomically
 * (tmp + fsync + rename + folder fsync) and in order, so a crash never leaves half a file and a late write never wins.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { z } from 'zod';
import { writeFileDurable } from './durable-file';
import type { Logger } from './log';

/**
 * Reads and validates a small JSON file; a missing file gives `fallback`, and so does a damaged one (a
 * show must start anyway), which is named in the log with why it was set aside.
 */
export function readJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
  fallback: z.output<S>,
  logger?: Pick<Logger, 'warn'>,
): z.output<S> {
  if (!existsSync(file)) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
    logger?.warn({ file, reason: parsed.error.issues[0]?.message }, `${basename(file)} is not valid: using defaults`);
    return fallback;
  } catch (error) {
    logger?.warn({ file, reason: (error as Error).message }, `${basename(file)} is unreadable: using defaults`);
    return fallback;
  }
}

export class JsonFileWriter {
  private chain: Promise<void> = Promise.resolve();
  private seq = 0;

  constructor(
    private readonly file: string,
    private readonly mode = 0o600,
  ) {}

  /** Queues a write of `value`; writes happen one after another in call order. */
  write(value: unknown): Promise<void> {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    const tmp = `${this.file}.${process.pid}.${++this.seq}.tmp`;
    this.chain = this.chain
      .catch(() => undefined)
      .then(async () => {
        await writeFileDurable(this.file, text, this.mode, tmp);
      });
    return this.chain;
  }

  /** Resolves when every queued write is on disk. */
  flush(): Promise<void> {
    return this.chain.catch(() => undefined);
  }
}
