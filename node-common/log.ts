/**
 * Structured logs (pino) in the data folder, rotated by size, with secrets redacted by key before
 * anything reaches the disk. Support exports the whole logs folder with one action.
 */
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  renameSync,
  statSync,
  truncateSync,
  unlinkSync,
  type WriteStream,
} from 'node:fs';
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
  'accessToken',
  'access_token',
  'refresh_token',
  'encodingAESKey',
  'streamKey',
  'key',
  'authorization',
  'cookie',
];

const redactPaths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `req.headers.${k}`]);

export interface LogFileHealth {
  /** Lines the disk refused since the engine started (dropped, never retried). */
  droppedLines: number;
  /** The write failure going on now (e.g. ENOSPC), or null. */
  failing: { code: string; since: number } | null;
}

export interface RotatingFileOptions {
  dir: string;
  name?: string;
  maxBytes?: number;
  keep?: number;
}

/** A file stream that renames engine.log -> engine.1.log ... when it grows past maxBytes. */
export class RotatingFile extends Writable {
  private stream: WriteStream | null = null;
  private size = 0;
  /** Bytes of the current file known to be complete lines (a refused write may leave half a line). */
  private written = 0;
  private rotations = 0;
  private readonly path: string;
  private dropped = 0;
  private failure: { code: string; since: number } | null = null;
  private lastOpenAttempt = 0;
  private readonly healthListeners = new Set<(health: LogFileHealth) => void>();

  constructor(private readonly options: Required<RotatingFileOptions>) {
    super();
    this.path = join(options.dir, `${options.name}.log`);
    try {
      mkdirSync(options.dir, { recursive: true });
      this.size = existsSync(this.path) ? statSync(this.path).size : 0;
      this.written = this.size;
    } catch (error) {
      this.fail(error);
    }
    this.open();
  }

  /** Lines dropped because the disk refused them, and the failure going on now (null once writes succeed again). */
  get health(): LogFileHealth {
    return { droppedLines: this.dropped, failing: this.failure ? { ...this.failure } : null };
  }

  /** Called when writing starts failing and when it recovers (not once per dropped line). */
  onHealth(listener: (health: LogFileHealth) => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  // Logging must never take the process down: a line the disk refuses is counted and dropped, and the
  // callback never carries the error (pino's multistream would otherwise throw it at the caller).
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    try {
      if (this.size + chunk.length > this.options.maxBytes && this.size > 0) this.rotate();
    } catch (error) {
      // Renaming failed (full disk, a file held open elsewhere): keep appending to the current file and
      // try again after another maxBytes, not on every line.
      this.fail(error);
      this.size = 0;
      this.open();
    }
    const stream = this.usableStream();
    if (!stream) {
      this.drop();
      done();
      return;
    }
    this.size += chunk.length;
    const generation = this.rotations;
    stream.write(chunk, (error) => {
      const sameFile = generation === this.rotations; // else rotated meanwhile: its bytes are another file's
      if (error) {
        this.drop();
        this.fail(error);
        if (sameFile) this.cutTornLine();
      } else if (this.failure) {
        this.failure = null;
        this.notify();
      }
      if (!error && sameFile) this.written += chunk.length;
      done();
    });
  }

  override _final(done: (error?: Error | null) => void): void {
    if (!this.stream || this.stream.destroyed) {
      done();
      return;
    }
    this.stream.end(() => done());
  }

  /** A refused write may have left part of a line: cut the file back to its last whole line. */
  private cutTornLine(): void {
    try {
      truncateSync(this.path, this.written);
    } catch {
      // nothing more to do; the next line starts after the fragment
    }
    this.size = this.written;
  }

  private drop(): void {
    this.dropped++;
  }

  /** The open stream, or a fresh one when the last failed (at most one reopen attempt per second). */
  private usableStream(): WriteStream | null {
    if (this.stream && !this.stream.destroyed && !this.stream.errored) return this.stream;
    if (Date.now() - this.lastOpenAttempt < 1_000) return null;
    this.open();
    return this.stream && !this.stream.destroyed ? this.stream : null;
  }

  private open(): void {
    this.lastOpenAttempt = Date.now();
    try {
      const stream = createWriteStream(this.path, { flags: 'a', mode: 0o600 });
      // Without this listener an ENOSPC would end the process.
      stream.on('error', (error) => this.fail(error));
      this.stream = stream;
    } catch (error) {
      this.fail(error);
      this.stream = null;
    }
  }

  private fail(error: unknown): void {
    const code = (error as NodeJS.ErrnoException)?.code ?? 'EIO';
    if (this.failure?.code === code) return;
    this.failure = { code, since: Date.now() };
    this.notify();
  }

  private notify(): void {
    for (const l of this.healthListeners) {
      try {
        l(this.health);
      } catch {
        // a listener's fault is not the log's
      }
    }
  }

  private rotate(): void {
    this.stream?.end();
    this.stream = null;
    const { dir, name, keep } = this.options;
    const numbered = (i: number) => join(dir, `${name}.${i}.log`);
    if (existsSync(numbered(keep))) unlinkSync(numbered(keep));
    for (let i = keep - 1; i >= 1; i--) if (existsSync(numbered(i))) renameSync(numbered(i), numbered(i + 1));
    renameSync(this.path, numbered(1));
    this.size = 0;
    this.written = 0;
    this.rotations++;
    this.open();
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
  return createFileLogger(options).logger;
}

/** createLogger, also handing back the log file (its health: dropped lines, a failing disk). */
export function createFileLogger(options: LoggerOptions = {}): { logger: Logger; file: RotatingFile | null } {
  const level = options.level ?? process.env.MAISHOU_LOG_LEVEL ?? 'info';
  const streams: pino.StreamEntry[] = [];
  const file = options.dir
    ? new RotatingFile({
        dir: options.dir,
        name: options.name ?? 'engine',
        maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
        keep: options.keep ?? 5,
      })
    : null;
  if (file) streams.push({ level: level as pino.Level, stream: file });
  if (options.stderrLevel || !options.dir) {
    streams.push({ level: (options.stderrLevel ?? 'warn') as pino.Level, stream: process.stderr });
  }
  const logger = pino(
    {
      level,
      base: { pid: process.pid, name: options.name ?? 'engine' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.multistream(streams),
  );
  return { logger, file };
}

/** A logger that writes nothing, for unit tests of modules that log. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
