/**
 * Clip and chapter jobs: run one at a time (ffmpeg competes with OBS for the CPU during a show), each
 * with progress, the clips finished so far, and cancellation. A job is `running` from the moment it is
 * accepted (queued jobs report progress 0); cancelled jobs end `failed` with the code `cancelled`.
 * Jobs live in memory: the files they wrote stay listed in each folder's clips.json after a restart.
 */
import { randomUUID } from 'node:crypto';
import { StudioError } from '../../../shared/errors';
import type { ChapteredCopy, ClipEntry, JobBody, JobKind } from '../../../shared/recordings/types';
import type { Logger } from '../log';

export type { JobBody } from '../../../shared/recordings/types';

export interface JobContext {
  signal: AbortSignal;
  progress(fraction: number): void;
  clip(entry: ClipEntry): void;
  chaptered(copy: ChapteredCopy): void;
}

interface Job {
  body: JobBody;
  controller: AbortController;
}

const KEEP = 50;

export class JobQueue {
  private readonly jobs = new Map<string, Job>();
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly logger: Logger) {}

  /** Accepts a job; `work` runs after the jobs before it. */
  add(
    meta: { kind: JobKind; sessionId: string; folder: string; skipped?: number[] },
    work: (ctx: JobContext) => Promise<void>,
  ): JobBody {
    const id = randomUUID();
    const job: Job = {
      controller: new AbortController(),
      body: { id, ...meta, skipped: meta.skipped ?? [], state: 'running', progress: 0, clips: [], chapters: [] },
    };
    this.jobs.set(id, job);
    this.trim();
    const b = job.body;
    const ctx: JobContext = {
      signal: job.controller.signal,
      progress: (f) => {
        b.progress = Math.max(b.progress, Math.min(1, f));
      },
      clip: (e) => {
        b.clips.push({
          segment: e.segment,
          productId: e.productId,
          path: e.path,
          durationMs: e.durationMs,
          name: e.name,
          cover: e.cover,
          sizeBytes: e.sizeBytes,
          mode: e.mode,
        });
        // Clips finish in any order (several ffmpeg runs at once); the job lists them in 讲解 order.
        b.clips.sort((x, y) => x.segment - y.segment);
      },
      chaptered: (c) => b.chapters.push(c),
    };
    this.tail = this.tail.then(async () => {
      const started = Date.now();
      try {
        if (ctx.signal.aborted) throw new StudioError('cancelled', 'The job was cancelled');
        await work(ctx);
        b.state = 'done';
        b.progress = 1;
        this.logger.info({ job: id, kind: b.kind, ms: Date.now() - started, clips: b.clips.length }, 'job done');
      } catch (error) {
        b.state = 'failed';
        b.error =
          error instanceof StudioError
            ? { code: error.code, message: error.message }
            : { code: 'internal_error', message: 'The job failed; see the engine log' };
        if (!(error instanceof StudioError)) this.logger.error({ err: error, job: id }, 'job failed');
        else this.logger.warn({ job: id, code: error.code }, error.message);
      }
    });
    return this.get(id);
  }

  get(id: string): JobBody {
    const job = this.jobs.get(id);
    if (!job) throw new StudioError('unknown_job', `No job with id ${id}`, { status: 404, path: 'id' });
    return structuredClone(job.body);
  }

  /** Cancels a running job (its temp files are removed); a finished job is answered as it is. */
  cancel(id: string): JobBody {
    const job = this.jobs.get(id);
    if (!job) throw new StudioError('unknown_job', `No job with id ${id}`, { status: 404, path: 'id' });
    job.controller.abort();
    return this.get(id);
  }

  /** Jobs of one session, newest first. */
  forSession(sessionId: string): JobBody[] {
    return [...this.jobs.values()]
      .filter((j) => j.body.sessionId === sessionId)
      .map((j) => structuredClone(j.body))
      .reverse();
  }

  /** Cancels everything and waits for the running job to stop (engine shutdown). */
  async close(): Promise<void> {
    for (const job of this.jobs.values()) job.controller.abort();
    await this.tail;
  }

  private trim(): void {
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= KEEP) break;
      if (job.body.state !== 'running') this.jobs.delete(id);
    }
  }
}
