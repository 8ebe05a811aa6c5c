/**
 * Recap (复盘) routes over the ledger: the session list with its totals, one session's recap (stats of
 * METRICS.md plus catalogue names, per-product units and refunds, refunds after the show), comparisons
 * with the previous session and the last 7, the question tables from the chat record, and the
 * shareable report as HTML or PDF. All GET, open to every seat role: viewers review recaps read-only.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { noBrowserMessage } from '../../../node-common/chromium';
import { isIntent } from '../../../shared/chat';
import { fileReply, type RouteHandlers, recapRoutes } from '../../../shared/contract';
import { StudioError } from '../../../shared/errors';
import { computeProductChannels } from '../../../shared/metrics/channels';
import type { Figures } from '../../../shared/metrics/types';
import { divideRoundHalfUp, money } from '../../../shared/money';
import type { AnswerMark } from '../../../shared/radar/recap';
import { baselineOf } from '../../../shared/recap/compare';
import type { RecapLang } from '../../../shared/recap/labels';
import { lateRefunds, productSales } from '../../../shared/recap/product-sales';
import { QuestionCollector } from '../../../shared/recap/questions';
import { renderReport } from '../../../shared/recap/report-html';
import type { CompareBody, QuestionsBody, RecapBody, SessionListRow } from '../../../shared/recap/types';
import { type Route, serveRoutes } from '../api/router';
import type { Ledger } from '../ledger/ledger';
import type { Logger } from '../log';
import { oneAtATime } from './parent-port-pdf';
import { findChromium, htmlToPdf } from './pdf';

/** Baseline sessions' figures are reused this long (refunds keep moving them, slowly). */
const FIGURES_TTL_MS = 60_000;

export interface RecapServiceOptions {
  ledger: Ledger;
  logger: Logger;
  /** the Chromium for PDFs (default: findChromium()); null: PDF answers 501 unless `printPdf` is given */
  chromium?: string | null;
  /** prints HTML to PDF (the desktop app: Electron's printToPDF over the parent port); wins over chromium */
  printPdf?: (html: string) => Promise<Buffer>;
  now?: () => number;
}

type RecapRouteHandlers = Pick<RouteHandlers, keyof typeof recapRoutes>;

export interface RecapService {
  /** The handlers of shared/contract/recap.ts's routes. */
  routeHandlers: RecapRouteHandlers;
  /** Those routes served on their own (the engine serves them with all the others). */
  routes: Route[];
  recap(id: string): RecapBody;
  compare(id: string, withRehearsals?: boolean): CompareBody;
  questions(id: string): Promise<QuestionsBody>;
  /** What the engine does when a session ends: the recap and question tables computed and kept. */
  precompute(id: string): Promise<void>;
  /** Stops precomputing at session ends. */
  dispose(): void;
  report(id: string, lang: RecapLang, withRehearsals?: boolean): Promise<string>;
}

export function createRecapService(options: RecapServiceOptions): RecapService {
  const { ledger, logger } = options;
  const now = options.now ?? Date.now;
  const chromium = options.chromium === undefined ? findChromium() : options.chromium;
  const printer = options.printPdf ?? (chromium ? (html: string) => htmlToPdf(html, { chromium }) : null);
  // one render at a time: a PDF is a browser run of seconds and ~100 MB; a second request gets 429
  const printOne = printer ? oneAtATime(printer) : null;
  const figuresCache = new Map<string, { at: number; title: string; figures: Figures }>();
  /** question tables being computed for ended sessions: one computation per session at a time */
  const computing = new Map<string, Promise<QuestionsBody>>();

  /**
   * An ended session's recap is kept in the ledger (recap_parts) from its stop or first open until
   * something it was made of changes (late refunds, a reconciliation, the catalogue...); a running
   * session's is recomputed on each read.
   */
  function recap(id: string): RecapBody {
    const kept = ledger.keptRecaps.get<Omit<RecapBody, 'running'>>(id, 'recap');
    if (kept) return { ...kept, running: false };
    const stamp = ledger.keptRecaps.stamp(id);
    const body = computeRecap(id);
    if (body.session.endedAt !== null) ledger.keptRecaps.keep(stamp, 'recap', { ...body, running: undefined });
    return body;
  }

  function computeRecap(id: string): RecapBody {
    const { stats, record } = ledger.statsWithRecord(id, now());
    const catalogue = ledger.listProducts().map((p) => ({ productId: p.productId, title: p.title, linkNo: p.linkNo }));
    return {
      session: stats.session,
      window: stats.window,
      figures: stats.figures,
      segments: stats.segments,
      products: stats.products,
      minutes: stats.minutes,
      incomplete: stats.incomplete,
      anomalies: stats.anomalies.map((a) => ({ kind: a.kind, orderId: a.orderId, at: a.at, message: a.message })),
      catalogue,
      productSales: productSales(record),
      lateRefunds: lateRefunds(record, stats.figures.settledGmv.amount),
      running: ledger.currentSession()?.id === id,
      channels: stats.channels,
      sharers: stats.sharers,
      productChannels: computeProductChannels(record),
      reconciled: stats.reconciled,
    };
  }

  function figuresOf(id: string): { title: string; figures: Figures } {
    const cached = figuresCache.get(id);
    if (cached && now() - cached.at < FIGURES_TTL_MS) return cached;
    const body = recap(id);
    const entry = { at: now(), title: body.session.title, figures: body.figures };
    figuresCache.set(id, entry);
    return entry;
  }

  /** Baselines of a session; rehearsals (彩排) count only when `withRehearsals` is asked for. */
  function compare(id: string, withRehearsals = false): CompareBody {
    const list = ledger.listSessions();
    const at = list.findIndex((s) => s.id === id);
    if (at < 0) throw new StudioError('unknown_session', `No session with id ${id}`, { status: 404, path: 'id' });
    // Newest first: the sessions after this one in the list started before it.
    const earlier = list
      .slice(at + 1)
      .filter((s) => s.endedAt !== null && (withRehearsals || !s.rehearsal))
      .slice(0, 7)
      .map((s) => ({ id: s.id, ...figuresOf(s.id) }));
    return { previous: baselineOf(earlier.slice(0, 1)), last7: baselineOf(earlier), rehearsals: withRehearsals };
  }

  async function computeQuestions(id: string): Promise<QuestionsBody> {
    const { stats } = ledger.statsWithRecord(id, now());
    const catalogue = ledger.listProducts().map((p) => ({ productId: p.productId, title: p.title, linkNo: p.linkNo }));
    const collector = new QuestionCollector(
      catalogue,
      stats.segments.map((s) => ({ productId: s.productId, start: s.start, end: s.end })),
      ledger.answerMarks(id, now()).filter((m): m is AnswerMark => isIntent(m.intent)),
      ledger.listProducts(),
    );
    const { pages } = ledger.chatLinePages(id, now());
    const lines: { at: number; actorId: string | null; text: string }[] = [];
    for (const page of pages) {
      for (const l of page) lines.push(l);
      await yieldToLoop(); // a 200,000-comment show is read in pages: the live feed keeps flowing meanwhile
    }
    lines.sort((a, b) => a.at - b.at);
    for (let i = 0; i < lines.length; i++) {
      collector.add(lines[i]);
      if (i % 5_000 === 4_999) await yieldToLoop();
    }
    return collector.finish();
  }

  function questions(id: string): Promise<QuestionsBody> {
    if (ledger.getSession(id).endedAt === null) return computeQuestions(id);
    const kept = ledger.keptRecaps.get<QuestionsBody>(id, 'questions');
    if (kept) return Promise.resolve(kept);
    const running = computing.get(id);
    if (running) return running;
    const stamp = ledger.keptRecaps.stamp(id);
    const body = computeQuestions(id)
      .then((b) => {
        ledger.keptRecaps.keep(stamp, 'questions', b);
        return b;
      })
      .finally(() => computing.delete(id));
    computing.set(id, body);
    return body;
  }

  /** Computes and keeps what an ended session's recap needs (at its stop; yields while reading its chat). */
  async function precompute(id: string): Promise<void> {
    const started = now();
    recap(id);
    await questions(id);
    logger.info({ session: id, ms: now() - started }, 'recap precomputed');
  }
  const stopListening = ledger.onSessionEnded((id) => {
    setImmediate(() => precompute(id).catch((err) => logger.warn({ err, session: id }, 'recap precompute failed')));
  });

  function list(): SessionListRow[] {
    return ledger.listSessionTotals(now()).map((s) => ({
      ...s,
      settledGmv: money(s.paidGmv.amount - s.refunds.amount, s.paidGmv.currency),
      gpm:
        s.cumulativeViewers === null || s.cumulativeViewers === 0
          ? null
          : money(divideRoundHalfUp(s.paidGmv.amount, s.cumulativeViewers, 1000), s.paidGmv.currency),
    }));
  }

  async function report(id: string, lang: RecapLang, withRehearsals = false): Promise<string> {
    const body = recap(id);
    const [cmp, qs] = [compare(id, withRehearsals), await questions(id)];
    return renderReport({ recap: body, compare: cmp, questions: qs, lang, generatedAt: now() });
  }

  const routeHandlers: RecapRouteHandlers = {
    'GET /recap/sessions': () => ({ sessions: list() }),
    'GET /sessions/:id/recap': ({ params }) => recap(params.id),
    'GET /sessions/:id/recap/compare': ({ params, query }) => compare(params.id, query.rehearsals === 'include'),
    'GET /sessions/:id/recap/questions': ({ params }) => questions(params.id),
    'GET /sessions/:id/report': async ({ params, query: { format, lang, rehearsals } }) => {
      if (format === 'pdf' && !printOne) throw new StudioError('pdf_unavailable', noBrowserMessage(), { status: 501 });
      const html = await report(params.id, lang, rehearsals === 'include');
      const name = `recap-${params.id}-${lang}`;
      if (format === 'html') {
        return fileReply('text/html; charset=utf-8', html, `${name}.html`, {
          disposition: 'inline',
          headers: { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:" },
        });
      }
      const started = now();
      const pdf = await (printOne as (h: string) => Promise<Buffer>)(html);
      logger.info({ session: params.id, ms: now() - started, bytes: pdf.length }, 'recap PDF rendered');
      return fileReply('application/pdf', pdf, `${name}.pdf`);
    },
  };

  return {
    routeHandlers,
    routes: serveRoutes(recapRoutes, {}, routeHandlers),
    recap,
    compare,
    questions,
    precompute,
    dispose: stopListening,
    report,
  };
}
