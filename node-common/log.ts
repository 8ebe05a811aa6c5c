/**
 * Structured logs (pino) in the data folder, rotated by size, with secrets redacted by key before
 * anything reaches the disk. Support exports the whole logs folder with one action.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync, unlinkSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export type { Logger };

/** Keys whose values never reach a log line, at any depth pino can address. */
export const REDACTED_KEYS = [
  'password',
  'obsPassword',
  'token',
  'controlToken',
  'overlayToken',
  'readToken',
  'readTokens',
  'secret',
  'secrets',
  'appSecret',
  'encodingAESKey',
  'streamKey',
  'key',
  'authorization',
  'cookie',
];

const redactPaths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `req.headers.${k}`]);

export interface RotatingFileOptions {
  dir: string;
  name?: string;
  maxBytes?: number;
  keep?: number;
}

/** A file stream that renames engine.log -> engine.1.log ... when it grows past maxBytes. */
export class RotatingFile extends Writable {
  private stream: WriteStream;
  private size: number;
  private readonly path: string;
  constructor(private readonly options: Required<RotatingFileOptions>) {
    super();
    mkdirSync(options.dir, { recursive: true });
    this.path = join(options.dir, `${options.name}.log`);
    this.size = existsSync(this.path) ? statSync(this.path).size : 0;
    this.stream = createWriteStream(this.path, { flags: 'a', mode: 0o600 });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    if (this.size + chunk.length > this.options.maxBytes && this.size > 0) this.rotate();
    this.size += chunk.length;
    this.stream.write(chunk, done);
  }

  override _final(done: (error?: Error | null) => void): void {
    this.stream.end(done);
  }

  private rotate(): void {
    this.stream.end();
    const { dir, name, keep } = this.options;
    const numbered = (i: number) => join(dir, `${name}.${i}.log`);
    if (existsSync(numbered(keep))) unlinkSync(numbered(keep));
    for (let i = keep - 1; i >= 1; i--) if (existsSync(numbered(i))) renameSync(numbered(i), numbered(i + 1));
    renameSync(this.path, numbered(1));
    this.stream = createWriteStream(this.path, { flags: 'a', mode: 0o600 });
    this.size = 0;
  }
}

export interface LoggerOptions {
  /** Folder for rotated log files; omit for stderr only (tests, tools). */
  dir?: string;
  level?: string;
  name?: string;
  /** Also echo to stderr (headless mode prints warnings there). */
  stderrLevel?: string;
  maxBytes?: number;
  keep?: number;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.MAISHOU_LOG_LEVEL ?? 'info';
  const streams: pino.StreamEntry[] = [];
  if (options.dir) {
    streams.push({
      level: level as pino.Level,
      stream: new RotatingFile({
        dir: options.dir,
        name: options.name ?? 'engine',
        maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
        keep: options.keep ?? 5,
      }),
    });
  }
  if (options.stderrLevel || !options.dir) {
    streams.push({ level: (options.stderrLevel ?? 'warn') as pino.Level, stream: process.stderr });
  }
  return pino(
    {
      level,
      base: { pid: process.pid, name: options.name ?? 'engine' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.multistream(streams),
  );
}

/** A logger that writes nothing, for unit tests of modules that log. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
