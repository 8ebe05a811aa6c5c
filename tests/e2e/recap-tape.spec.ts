/**
 * The recap's player over a real OBS recording (H.264 + AAC in Matroska, OBS's default: Debian's
 * Chromium decodes it, checked below through the video's own size and position): clicking a pin band
 * on the chart, or a row of the pin table, starts the video at that pin; the chart's playhead follows;
 * the media route refuses anything but the session's registered files.
 */
import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import type { StatsBody } from '../../electron/engine/ledger/ledger';
import type { RecordingBody } from '../../shared/recordings/types';
import { type RecordedShow, recordShow, send } from '../harness/obs-show';

let show: RecordedShow;
let stats: StatsBody;
let recordings: RecordingBody[];
const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  show = await recordShow();
  const get = async (path: string) =>
    (await send(`${show.engine.url}/api/v1${path}`, { token: show.engine.controlToken })).json();
  stats = (await get(`/sessions/${show.sessionId}/stats`)) as StatsBody;
  recordings = ((await get(`/sessions/${show.sessionId}/recordings`)) as { recordings: RecordingBody[] }).recordings;
});
test.afterAll(async () => {
  await show?.dispose();
});

/** The video's state in the page. */
const video = (page: Page) =>
  page.getByTestId('recap-video').evaluate((el) => {
    // the tests' tsconfig has no DOM library: the element's fields, typed here
    const v = el as unknown as {
      currentTime: number;
      videoWidth: number;
      readyState: number;
      error: { code: number } | null;
    };
    return { time: v.currentTime, width: v.videoWidth, ready: v.readyState, error: v.error?.code ?? null };
  });

/** Where the video was each time it finished seeking (media events do not bubble: a capture listener sees them). */
const SEEK_LOG = `window.__seeks = []; document.addEventListener('seeked', (e) => window.__seeks.push(
  { time: e.target.currentTime, file: e.target.dataset.fileIndex }), true);`;
const lastSeek = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __seeks: { time: number; file: string }[] }).__seeks.at(-1) ?? null);
/** Within 1 s of `seconds` in file `index`, right where the seek landed (playback moves on from there). */
const seekedNear = async (page: Page, want: { index: number; seconds: number }) => {
  await expect
    .poll(
      async () => {
        const seek = await lastSeek(page);
        return seek !== null && seek.file === String(want.index) && Math.abs(seek.time - want.seconds) < 1;
      },
      { timeout: 15_000 },
    )
    .toBe(true)
    .catch(async (error) => {
      const seeks = await page.evaluate(() => (globalThis as unknown as { __seeks: unknown }).__seeks);
      throw new Error(
        `seek to ${want.seconds.toFixed(2)} s in file ${want.index}; seeks: ${JSON.stringify(seeks)}\n${error}`,
      );
    });
};

/** File index and offset (s) of a segment's start. */
const offsetOf = (segment: number) => {
  const at = stats.segments[segment].start;
  const r = recordings.find((x) => at >= x.startedAt && at <= (x.endedAt ?? Number.POSITIVE_INFINITY));
  if (!r) throw new Error(`segment ${segment} is in no recording`);
  return { index: r.index, seconds: (at - r.startedAt) / 1000 };
};

test('a click on a pin band or a pin-table row plays the recording from that pin; the playhead follows', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript(SEEK_LOG);
  await page.goto(`${show.engine.url}/sessions?id=${show.sessionId}#token=${show.engine.controlToken}`);
  const chart = page.getByTestId('recap-chart');
  await expect(chart).toHaveAttribute('data-drawn', 'true');
  await expect(page.getByTestId('recap-video')).toBeVisible();
  // Chromium decodes OBS's H.264: the first frame has a size and the element reports no error.
  await expect.poll(async () => (await video(page)).ready, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  expect((await video(page)).width).toBe(640);
  expect((await video(page)).error).toBeNull();

  const bands = ((await chart.getAttribute('data-pin-bands')) ?? '').split(';').map((b) => {
    const [, from, to] = /@([\d.]+)-([\d.]+)$/.exec(b) as RegExpExecArray;
    return { from: Number(from), to: Number(to) };
  });
  expect(bands).toHaveLength(3);
  const minutes = Math.max(1, Number(await chart.getAttribute('data-minutes')));

  // the third 讲解 is in the second file: the player switches files and starts at the pin
  for (const k of [1, 2]) {
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox()) as { x: number; y: number; width: number; height: number };
    // the axis as ECharts drew it (px from the chart's left edge)
    const [x0, x1] = ((await chart.getAttribute('data-plot-x')) ?? '').split(',').map(Number);
    const xOf = (m: number) => box.x + x0 + (m / minutes) * (x1 - x0);
    await page.mouse.click(xOf((bands[k].from + bands[k].to) / 2), box.y + box.height * 0.35);
    const want = offsetOf(k);
    await expect
      .poll(
        async () =>
          (await page.getByTestId('tape-note').count()) > 0
            ? await page.getByTestId('tape-note').textContent()
            : await page.getByTestId('recap-video').getAttribute('data-file-index'),
        { timeout: 15_000, message: `band ${k} at ${bands[k].from.toFixed(3)} of ${minutes} min` },
      )
      .toBe(String(want.index));
    await seekedNear(page, want);
    await expect
      .poll(async () => Math.abs(Number(await chart.getAttribute('data-playhead')) - bands[k].from), {
        timeout: 10_000,
      })
      .toBeLessThan(2 / 60); // within 2 s: the video plays on meanwhile
  }
  await page.screenshot({ path: `${shots}/recap-tape-zh.png`, fullPage: true });

  // a row of the pin table (the product of the first 讲解) seeks back into the first file
  const first = show.products[0];
  await page
    .getByTestId('pin-table')
    .getByRole('button', { name: `${first.linkNo}号 ${first.title}` })
    .click();
  const want = offsetOf(0);
  await expect(page.getByTestId('recap-video')).toHaveAttribute('data-file-index', String(want.index));
  await seekedNear(page, want);

  // keyboard: the segment list's play buttons are buttons (Tab + Enter)
  const play = page.getByTestId('tape-segments').locator('button').nth(1);
  await play.focus();
  await page.keyboard.press('Enter');
  await seekedNear(page, offsetOf(1));
  expect(errors).toEqual([]);
});

test('the media route serves what the session registered and refuses any other path', async ({ page }) => {
  await page.goto(`${show.engine.url}/sessions?id=${show.sessionId}#token=${show.engine.controlToken}`);
  const src = await page.getByTestId('recap-video').getAttribute('src');
  expect(src).toMatch(/\/media\/recording\/.+\/0\?exp=\d+&sig=/);
  const ok = await page.request.get(src as string, { headers: { range: 'bytes=0-99' } });
  expect(ok.status()).toBe(206);
  const base = new URL(src as string);
  const refused = [
    `/media/recording/${show.sessionId}/5${base.search}`,
    `/media/recording/${show.sessionId}/0`,
    `/media/recording/${encodeURIComponent(recordings[0].path as string)}`,
    `/media/recording/${show.sessionId}/0%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd${base.search}`,
    `/catalogue/..%2F..%2F${encodeURIComponent(recordings[0].path as string)}`,
  ];
  for (const path of refused) {
    const res = await page.request.get(`${show.engine.url}${path}`);
    expect(res.status(), path).toBeGreaterThanOrEqual(400);
    expect((await res.body()).length).toBeLessThan(1000);
  }
});
