/**
 * Sessions (场次) and their live figures, with the keys of METRICS.md. Live figures are provisional
 * until the session ends and refunds settle.
 */
import type { ExportAnomaly, Reconciled } from '../metrics/export';
import type { ComputedStats, Figures, SessionWindow } from '../metrics/types';
import type { Money } from '../money';

export interface SessionInfo {
  id: string;
  title: string;
  room: string | null;
  startedAt: number;
  endedAt: number | null;
  /** 彩排: the demo room, or started as a rehearsal; left out of comparison baselines unless asked for. */
  rehearsal: boolean;
}

/** A row of `GET /sessions`, newest first. */
export interface SessionSummary extends SessionInfo {
  paidGmv: Money;
  orders: number;
  peakViewers: number | null;
}

/** `GET /sessions/{id}/stats`: every figure of METRICS.md, segments, products, minutes, anomalies. */
export interface SessionStats extends ComputedStats {
  session: SessionInfo;
  window: SessionWindow;
  anomalies: ExportAnomaly[];
  /** the last reconciliation with the platform's export; null while the figures are provisional */
  reconciled: Reconciled | null;
}

/** Every figure of METRICS.md by its key (shared/metrics computes them). */
export type { Figures } from '../metrics/types';

export interface LiveFiguresState {
  sessionId: string | null;
  figures: Figures | null;
  /** Paid GMV per minute since the session started (fen), for the sparkline. */
  gmvPerMinute: number[];
  viewersNow: number | null;
  /** True while some paid order carried no amount: money figures are incomplete. */
  incomplete: boolean;
  /** The pinned product's paid GMV and units since it was pinned (讲解中 GMV). */
  currentPin: { productId: string; since: number; gmv: Money; units: number } | null;
  /** Paid GMV and orders per channel (live, share = 推客, note, other), for the live/推客 split. */
  channels: { channel: 'live' | 'share' | 'note' | 'other'; paidGmv: Money; orders: number }[];
}

export interface GatewayLinkState {
  /** `local`: no gateway link (the bridges-only live room), nothing to connect. */
  status: 'connecting' | 'live' | 'catching_up' | 'disconnected' | 'failed' | 'local';
  /** "demo" for the built-in room, "local" for bridges only (LOCAL_ROOM), else the gateway URL. */
  source: string;
  room: string;
  lastSeq: number;
  /** Events still to catch up on. */
  behind: number;
  since: number;
  reason?: string;
}

export interface SessionStateSlice {
  session: SessionInfo | null;
  figures: LiveFiguresState;
  gateway: GatewayLinkState;
}
