/**
 * Issue 19 end to end with real OBS under Xvfb: OBS records while a session runs and products are
 * pinned (stopped and restarted: two files); the engine registers both files; clips are cut with the
 * bundled ffmpeg and measured with Debian's ffprobe; the chaptered copy lists one chapter per segment;
 * bad input (unknown segment, tampered or unregistered links, a deleted recording, a job killed
 * midway) changes nothing and leaves no half file under a final name.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledFfmpeg } from '../../electron/engine/clips/ffmpeg';
import type { StatsBody } from '../../electron/engine/ledger/ledger';
import type { JobBody, RecordingBody } from '../../shared/recordings/types';
import { type RecordedShow, recordShow, send } from '../harness/obs-show';
import { waitFor } from '../harness/process';

// Asynchronous on purpose: a blocked test process misses the engine closing idle keep-alive sockets.
const probe = async (file: string, entries: string) =>
  JSON.parse(
    (await promisify(execFile)('ffprobe', ['-v', 'error', ...entries.split(' '), '-of', 'json', file])).stdout,
  );
const durationOf = async (file: string) =>
  Number((await probe(file, '-show_entries format=duration')).format.duration) * 1000;
interface ErrorBody {
  error: { code: string; path?: string };
}

describe('the show on tape (real OBS)', () => {
  let show: RecordedShow;
  let stats: StatsBody;
  let recordings: RecordingBody[];
  const api = (path: string, init: { method?: string; token?: string } = {}) =>
    send(`${show.engine.url}/api/v1${path}`, { token: show.engine.controlToken, ...init });
  const post = (path: string, body: unknown, token = show.engine.controlToken) =>
    send(`${show.engine.url}/api/v1${path}`, { body, token });
  const media = (relative: string, headers: Record<string, string> = {}) =>
    send(`${show.engine.url}${relative}`, { headers });
  const job = async (id: string, until: (j: JobBody) => boolean = (j) => j.state !== 'running') =>
    waitFor(
      async () => {
        const j = (await api(`/jobs/${id}`)).json() as JobBody;
        return until(j) ? j : null;
      },
      { what: `job ${id}`, timeoutMs: 90_000, intervalMs: 100 },
    );

  beforeAll(async () => {
    show = await recordShow();
    stats = (await api(`/sessions/${show.sessionId}/stats`)).json() as StatsBody;
  }, 240_000);
  afterAll(async () => {
    await show?.dispose();
  });

  it('registers each recording file with its start and end on the studio clock', async () => {
    const res = await api(`/sessions/${show.sessionId}/recordings`);
    expect(res.status).toBe(200);
    recordings = (res.json() as { recordings: RecordingBody[] }).recordings;
    expect(recordings.map((r) => r.path)).toEqual(show.files);
    expect(recordings.every((r) => r.exists && r.endedAt !== null && r.endedAt > r.startedAt)).toBe(true);
    // the file's own length matches the span the engine registered (event latency: well under a second)
    for (const r of recordings) {
      const registered = (r.endedAt as number) - r.startedAt;
      expect(Math.abs((await durationOf(r.path as string)) - registered)).toBeLessThan(1_000);
    }
    expect(stats.segments).toHaveLength(3);
    expect(stats.segments.map((s) => s.productId)).toEqual(show.products.map((p) => p.productId));
  });

  it('cuts a fast clip per segment with the bundled ffmpeg, within 2 s of each segment', async () => {
    expect(bundledFfmpeg()).toMatch(/@ffmpeg-installer/);
    const res = await post(`/sessions/${show.sessionId}/clips`, { segments: 'all', mode: 'fast' });
    expect(res.status).toBe(202);
    const { job: id } = res.json() as { job: string };
    const done = await job(id);
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('done');
    expect(done.progress).toBe(1);
    expect(done.clips.map((c) => c.segment)).toEqual([0, 1, 2]);
    for (const c of done.clips) {
      const seg = stats.segments[c.segment];
      expect(c.productId).toBe(seg.productId);
      const p = show.products.find((x) => x.productId === c.productId);
      expect(basename(c.path)).toMatch(new RegExp(`^${p?.linkNo}号 .+ \\d\\d\\.\\d\\d\\.\\d\\d\\.mp4$`));
      const measured = await durationOf(c.path);
      expect(Math.abs(measured - seg.durationMs), `clip ${c.segment}`).toBeLessThanOrEqual(2_000);
      expect(Math.abs(measured - c.durationMs)).toBeLessThan(100);
      expect(existsSync(c.path.replace(/\.mp4$/, '.jpg'))).toBe(true);
    }
    const list = (await api(`/sessions/${show.sessionId}/clips`)).json() as {
      folder: string;
      clips: unknown[];
    };
    expect(list.clips).toHaveLength(3);
    expect(readdirSync(list.folder).filter((f) => f.includes('.part.'))).toEqual([]);
  });

  it('cuts exact clips with a lead-in within 0.1 s, and a cover that is a JPEG frame', async () => {
    const res = await post(`/sessions/${show.sessionId}/clips`, { segments: [0, 2], mode: 'exact', leadInMs: 1_000 });
    expect(res.status).toBe(202);
    const done = await job((res.json() as { job: string }).job);
    expect(done.state).toBe('done');
    for (const c of done.clips) {
      const want = stats.segments[c.segment].durationMs + 1_000;
      expect(Math.abs((await durationOf(c.path)) - want), `clip ${c.segment}`).toBeLessThanOrEqual(100);
      const cover = await probe(c.path.replace(/\.mp4$/, '.jpg'), '-show_entries stream=codec_name,width');
      expect(cover.streams[0].codec_name).toBe('mjpeg');
    }
  });

  it('writes the segments as chapters into a copy of each recording, titled by link number and title', async () => {
    const res = await post(`/sessions/${show.sessionId}/chapters`, {});
    expect(res.status).toBe(202);
    const done = await job((res.json() as { job: string }).job);
    expect(done.state).toBe('done');
    expect(done.chapters.map((c) => c.chapters)).toEqual([2, 1]);
    const titles: string[] = [];
    for (const copy of done.chapters) {
      const chapters = (await probe(copy.path, '-show_chapters')).chapters as {
        start_time: string;
        tags: { title: string };
      }[];
      titles.push(...chapters.map((c) => c.tags.title));
      // stream copy: the copy lasts as long as the recording
      const source = recordings[copy.recording].path as string;
      expect(Math.abs((await durationOf(copy.path)) - (await durationOf(source)))).toBeLessThan(200);
    }
    expect(titles).toEqual(show.products.map((p) => `${p.linkNo}号 ${p.title}`));
  });

  it('refuses bad clip requests with a path and starts nothing', async () => {
    const bad = [
      [{ segments: [0, 9], mode: 'fast' }, 'unknown_segment', 'segments[1]'],
      [{ segments: 'some', mode: 'fast' }, 'invalid_input', 'segments'],
      [{ segments: 'all', mode: 'slow' }, 'invalid_input', 'mode'],
      [{ segments: 'all', leadInMs: -1 }, 'invalid_input', 'leadInMs'],
    ] as const;
    for (const [body, code, path] of bad) {
      const res = await post(`/sessions/${show.sessionId}/clips`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.json() as ErrorBody).error).toMatchObject({ code, path });
    }
    const viewer = (await post('/seats', { role: 'viewer' })).json() as { token: string };
    const forbidden = await post(`/sessions/${show.sessionId}/clips`, { segments: 'all', mode: 'fast' }, viewer.token);
    expect(forbidden.status).toBe(403);
    expect((await api('/jobs/nope')).status).toBe(404);
  });

  it('serves registered files with ranges through signed links only', async () => {
    const link = recordings[0].url as string;
    const ranged = await media(link, { range: 'bytes=100-199' });
    expect(ranged.status).toBe(206);
    expect(ranged.headers['content-range']).toMatch(/^bytes 100-199\/\d+$/);
    expect(ranged.body.length).toBe(100);
    const whole = await media(link);
    expect(whole.body.length).toBe(recordings[0].sizeBytes);
    expect((await media(link, { range: 'bytes=999999999-' })).status).toBe(416);
    const tampered = [
      link.replace('/recording/', '/clip/'),
      link.replace(/\/0\?/, '/1?'),
      link.replace(/sig=.{4}/, 'sig=AAAA'),
      link.replace(/exp=\d+/, 'exp=99999999999999'),
      link.split('?')[0],
      `/media/recording/${show.sessionId}/..%2F..%2Fetc%2Fpasswd?exp=99999999999999&sig=x`,
      `/media/recording/${show.sessionId}/0/../../../etc/passwd`,
      `/media/${encodeURIComponent(recordings[0].path as string)}`,
    ];
    for (const u of tampered) expect((await media(u)).status, u).toBe(401);
    // Host checks hold for media too (DNS rebinding), and Origin when a browser sends one
    expect((await media(link, { host: 'evil.example' })).status).toBe(403);
    expect((await media(link, { origin: 'http://evil.example' })).status).toBe(403);
  });

  const clipsNow = async () =>
    (
      (await api(`/sessions/${show.sessionId}/clips`)).json() as {
        clips: { segment: number; mode: string; path: string; durationMs: number; url: string; coverUrl: string }[];
      }
    ).clips;

  /** Starts an exact job over every segment and stops it while ffmpeg is cutting. */
  const interrupted = async (stop: (id: string, ffmpegPid: number) => Promise<void>, code: string) => {
    const before = await clipsNow();
    const res = await post(`/sessions/${show.sessionId}/clips`, { segments: 'all', mode: 'exact', leadInMs: 500 });
    const { job: id } = res.json() as { job: string };
    const ffmpegPid = await waitFor(
      async () => {
        try {
          const out = (await promisify(execFile)('pgrep', ['-P', String(show.engine.process.pid), 'ffmpeg'])).stdout;
          return Number(out.trim().split('\n')[0]) || null;
        } catch {
          return null;
        }
      },
      { what: 'ffmpeg cutting', timeoutMs: 30_000, intervalMs: 20 },
    );
    expect(((await api(`/jobs/${id}`)).json() as JobBody).state).toBe('running');
    await stop(id, ffmpegPid);
    const end = await job(id);
    expect(end.state).toBe('failed');
    expect(end.error?.code).toBe(code);
    expect(readdirSync(end.folder).filter((f) => f.includes('.part.'))).toEqual([]);
    // every clip under a final name is whole: the ones this job finished, and the older ones it never replaced
    const after = await clipsNow();
    for (const c of after) expect(Math.abs((await durationOf(c.path)) - c.durationMs), c.path).toBeLessThan(100);
    const finished = new Set(end.clips.map((c) => c.segment));
    expect(finished.size).toBeLessThan(3);
    // (links are signed afresh on every answer: compare the files, not the links)
    const file = ({ url: _u, coverUrl: _c, ...rest }: (typeof after)[number]) => rest;
    for (const c of after.filter((x) => !finished.has(x.segment))) {
      const old = before.find((b) => b.path === c.path);
      expect(old && file(old)).toEqual(file(c));
    }
  };

  it('cancels a clip job midway: no half file under a final name, no temp file left', async () => {
    await interrupted(async (id) => {
      const answer = await api(`/jobs/${id}`, { method: 'DELETE' });
      expect(answer.status).toBe(200);
    }, 'cancelled');
  });

  it('a killed ffmpeg fails the job the same way', async () => {
    await interrupted(async (_id, pid) => {
      process.kill(pid, 'SIGKILL');
    }, 'ffmpeg_failed');
  });

  it('shows a recording deleted after the show as missing and refuses to cut it', async () => {
    const second = recordings[1].path as string;
    const moved = join(dirname(second), 'moved-away.bin');
    renameSync(second, moved);
    try {
      const list = (await api(`/sessions/${show.sessionId}/recordings`)).json() as {
        recordings: RecordingBody[];
      };
      expect(list.recordings.map((r) => r.exists)).toEqual([true, false]);
      expect(list.recordings[1].path).toBe(second);
      expect(list.recordings[1].url).toBeNull();
      const res = await post(`/sessions/${show.sessionId}/clips`, { segments: [2], mode: 'fast' });
      expect(res.status).toBe(409);
      expect((res.json() as ErrorBody).error).toMatchObject({ code: 'recording_missing', path: 'recordings[1]' });
      // its old signed link now answers 404 with a clear error, never another file
      const gone = await media(recordings[1].url as string);
      expect(gone.status).toBe(404);
      expect((gone.json() as ErrorBody).error.code).toBe('file_missing');
    } finally {
      renameSync(moved, second);
    }
  });
});
