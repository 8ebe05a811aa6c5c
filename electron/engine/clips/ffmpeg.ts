/**
 * ffmpeg as a child process: which binary (the one bundled from npm, or the system's where the user
 * prefers it; never a download at run time), a run with progress read from `-progress pipe:1` that an
 * AbortSignal cancels, and a file's duration read from ffmpeg's own banner (no ffprobe needed).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { StudioError } from '../../../shared/errors';

export type FfmpegChoice = 'bundled' | 'system';

export interface FfmpegBinary {
  path: string;
  source: 'env' | 'bundled' | 'system';
}

/** The npm package's binary for this platform (`@ffmpeg-installer/<platform>-<arch>`), or null. */
export function bundledFfmpeg(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const found = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    // Packaged apps unpack the binary beside the asar archive (electron-builder asarUnpack).
    const path = found.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/**
 * The ffmpeg to run: `MAISHOU_FFMPEG` (a path) first, then the user's choice: the bundled binary, or
 * `ffmpeg` from PATH. The bundled one falls back to the system's when this platform has no package.
 */
export function resolveFfmpeg(choice: FfmpegChoice, env: NodeJS.ProcessEnv = process.env): FfmpegBinary {
  if (env.MAISHOU_FFMPEG) return { path: env.MAISHOU_FFMPEG, source: 'env' };
  if (choice === 'bundled') {
    const bundled = bundledFfmpeg();
    if (bundled) return { path: bundled, source: 'bundled' };
  }
  return { path: 'ffmpeg', source: 'system' };
}

export interface RunOptions {
  /** Called with the output time reached so far (ms), from ffmpeg's progress lines. */
  onProgress?: (outMs: number) => void;
  signal?: AbortSignal;
}

/** Thrown when a run was cancelled through its AbortSignal. */
export class CancelledError extends StudioError {
  constructor() {
    super('cancelled', 'The job was cancelled', { status: 409 });
  }
}

/** Runs ffmpeg to completion; rejects with the tail of its log when it fails, or CancelledError. */
export function runFfmpeg(bin: string, args: readonly string[], options: RunOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new CancelledError());
      return;
    }
    const child = spawn(bin, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-progress', 'pipe:1', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let log = '';
    let partial = '';
    child.stderr.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
    });
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        // out_time_ms is in microseconds too (an old ffmpeg misnomer); out_time_us is newer.
        const m = /^out_time_(?:us|ms)=(\d+)/.exec(line);
        if (m) options.onProgress?.(Number(m[1]) / 1000);
      }
    });
    const abort = () => child.kill('SIGKILL');
    options.signal?.addEventListener('abort', abort, { once: true });
    child.once('error', (error) => {
      options.signal?.removeEventListener('abort', abort);
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      reject(
        new StudioError(
          'ffmpeg_unavailable',
          missing
            ? `ffmpeg was not found (${bin}): install it, or choose the bundled ffmpeg in Settings`
            : `ffmpeg could not start: ${error.message}`,
          { status: 503 },
        ),
      );
    });
    child.once('close', (code) => {
      options.signal?.removeEventListener('abort', abort);
      if (options.signal?.aborted) reject(new CancelledError());
      else if (code === 0) resolve();
      else
        reject(
          new StudioError(
            'ffmpeg_failed',
            `ffmpeg failed (exit ${code}): ${log.trim().split('\n').slice(-3).join(' | ')}`,
            { status: 500 },
          ),
        );
    });
  });
}

/** A media file's duration in ms, from ffmpeg's input banner (`Duration: 00:01:02.34`); null when unknown. */
export function probeDurationMs(bin: string, file: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(bin, ['-hide_banner', '-nostdin', '-i', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let text = '';
    child.stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.once('error', () => resolve(null));
    child.once('close', () => {
      const m = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(text);
      resolve(m ? Math.round((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000) : null);
    });
  });
}
