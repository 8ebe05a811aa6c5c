/**
 * The running session's live tally (shared/metrics LiveFigures): built once from the record when a
 * session starts, resumes or the catalogue changes, then fed from the effects of each applied batch
 * (never re-read from SQL).
 */
import type { DatabaseSync } from 'node:sqlite';
import { LiveFigures } from '../../../shared/metrics/live-figures';
import { toRecordOrder } from '../../../shared/metrics/replay';
import type { Effect } from './apply';
import { readRecord } from './record';
import type { Session } from './sessions';

/** The tally of everything recorded since `s` started (a resumed or re-tallied session included). */
export function buildLiveTally(db: DatabaseSync, s: Session, skuMap: ReadonlyMap<string, string>): LiveFigures {
  const live = new LiveFigures({ start: s.startedAt, end: s.endedAt }, s.currency);
  const far = { start: s.startedAt, end: Number.MAX_SAFE_INTEGER };
  const record = readRecord(db, {
    room: s.room,
    currency: s.currency,
    window: far,
    skuMap,
    products: [],
    chatRows: true,
  });
  for (const o of record.orders) live.order(o);
  for (const r of record.refunds) live.refund(r);
  for (const v of record.viewers) live.viewers(v);
  for (const c of record.chat) live.chatEvent(c);
  for (const l of record.likes) live.like(l);
  return live;
}

/** Adds a batch's effects in the session's room (every room when it follows none) to its tally. */
export function feedLiveTally(
  live: LiveFigures,
  room: string | null,
  effects: readonly Effect[],
  skuMap: Map<string, string>,
): void {
  for (const e of effects) {
    if (room !== null && e.room !== room) continue;
    if (e.type === 'order') live.order(toRecordOrder(e.state, skuMap));
    else if (e.type === 'refund') live.refund(e.refund);
    else if (e.type === 'chat') live.chatEvent(e.chat);
    else if (e.type === 'like') live.like(e.like);
    else live.viewers(e.viewers);
  }
}
