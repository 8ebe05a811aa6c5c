/**
 * The recap routes over a real ledger file with the fixture's known numbers: the recap carries the
 * stats unchanged plus what the recap adds (late refunds, per-product refunds, questions), the
 * comparison is against the session before, and PDF without a Chromium is a clear 501.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ledger, openLedger } from '../../electron/engine/ledger/ledger';
import { silentLogger } from '../../electron/engine/log';
import { createRecapService } from '../../electron/engine/recap/recap-service';
import { buildRecapFixture, FIXTURE_T0, type RecapFixture } from '../harness/recap-fixture';

let fx: RecapFixture;
let ledger: Ledger;

beforeAll(async () => {
  fx = await buildRecapFixture();
  ledger = openLedger({ dataDir: fx.dataDir });
});
afterAll(() => {
  ledger?.close();
  if (fx) rmSync(fx.dataDir, { recursive: true, force: true });
});

const identity = { role: 'viewer' as const, seatId: 's', label: 'viewer' };
const route = (svc: ReturnType<typeof createRecapService>, path: string) => svc.routes.find((r) => r.path === path)!;

describe('recap routes', () => {
  it('carry the stats unchanged and add late refunds, per-product refunds and questions', async () => {
    const svc = createRecapService({ ledger, logger: silentLogger(), chromium: null });
    const recap = svc.recap(fx.sessionId);
    const stats = ledger.stats(fx.sessionId);
    expect(recap.figures).toEqual(stats.figures);
    expect(recap.segments).toEqual(stats.segments);
    expect(recap.minutes.filter((m) => m.incomplete).map((m) => (m.start - recap.window.start) / 60_000)).toEqual(
      fx.expected.gapMinutes,
    );
    expect(recap.lateRefunds).toEqual({
      count: 1,
      // each late refund with its date and where it came from (the live feed, within its history)
      list: [
        {
          orderId: 'o-2',
          refundId: 'r-1',
          amount: { amount: fx.expected.lateRefund, currency: 'CNY' },
          at: FIXTURE_T0 + 40 * 60_000,
          source: 'feed',
        },
      ],
      amount: { amount: fx.expected.lateRefund, currency: 'CNY' },
      settledAtEnd: { amount: fx.expected.paidGmv, currency: 'CNY' },
    });
    expect(recap.productSales.find((p) => p.productId === 'A1')).toEqual({
      productId: 'A1',
      units: 3,
      refunds: { amount: 39_800, currency: 'CNY' },
    });
    const q = await svc.questions(fx.sessionId);
    expect(q.questions).toBe(5);
    expect(q.perProduct.find((p) => p.productId === 'A1')).toMatchObject({ questions: 3, whilePinned: 3 });
    // segments count questions now that comments are classified as they arrive
    expect(recap.segments.map((s) => s.questions)).toEqual([3, 2]);
  });

  it('compares with the session before', () => {
    const svc = createRecapService({ ledger, logger: silentLogger(), chromium: null });
    const cmp = svc.compare(fx.sessionId);
    expect(cmp.previous.ids).toEqual([fx.previousId]);
    expect(cmp.previous.figures.paidGmv).toBe(19_900);
    expect(svc.compare(fx.previousId).previous.sessions).toBe(0);
  });

  it('renders one PDF at a time with the real Chromium: a second request meanwhile gets 429 and Retry-After', async () => {
    const svc = createRecapService({ ledger, logger: silentLogger() }); // found per OS: /usr/bin/chromium here
    const report = route(svc, '/sessions/:id/report');
    const call = () =>
      report.handle({
        params: { id: fx.sessionId },
        query: new URLSearchParams('format=pdf'),
        body: Buffer.alloc(0),
        headers: {},
        identity,
      });
    const [first, second] = await Promise.allSettled([call(), call()]);
    expect(first.status).toBe('fulfilled');
    const pdf = (first as PromiseFulfilledResult<{ body: unknown }>).value.body as Buffer;
    expect(Buffer.from(pdf).subarray(0, 4).toString('latin1')).toBe('%PDF');
    // the HTTP server answers this 429 with Retry-After: 10 (sendError reads extra.retryAfter)
    expect((second as PromiseRejectedResult).reason).toMatchObject({
      code: 'busy',
      status: 429,
      extra: { retryAfter: 10 },
    });
    // free again once the first is done
    expect(
      Buffer.from((await call()).body as Buffer)
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('%PDF');
  }, 120_000);

  it('answers 501 for a PDF without Chromium, and the HTML report escapes text and has no script', async () => {
    const svc = createRecapService({ ledger, logger: silentLogger(), chromium: null });
    const report = route(svc, '/sessions/:id/report');
    const call = (q: string) =>
      report.handle({
        params: { id: fx.sessionId },
        query: new URLSearchParams(q),
        body: Buffer.alloc(0),
        headers: {},
        identity,
      });
    await expect(call('format=pdf')).rejects.toMatchObject({
      status: 501,
      code: 'pdf_unavailable',
      message: expect.stringMatching(/install .*(Chromium|Edge)/),
    });
    await expect(call('format=doc')).rejects.toMatchObject({ status: 400 });
    ledger.renameSession(fx.previousId, '<img src=x onerror=alert(1)>');
    const html = String((await call('format=html&lang=en')).body);
    expect(html).not.toContain('<script');
    expect(html).toContain('Paid GMV');
    const prev = String(
      (
        await report.handle({
          params: { id: fx.previousId },
          query: new URLSearchParams('format=html'),
          body: Buffer.alloc(0),
          headers: {},
          identity,
        })
      ).body,
    );
    expect(prev).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(prev).not.toContain('<img src=x');
  });

  it('are open to every seat role and only to GET', () => {
    const svc = createRecapService({ ledger, logger: silentLogger(), chromium: null });
    for (const r of svc.routes) {
      expect(r.method).toBe('GET');
      expect([...r.roles].sort()).toEqual(['assistant', 'host', 'prompter', 'viewer']);
    }
  });
});
