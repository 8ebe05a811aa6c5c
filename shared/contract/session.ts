/**
 * Sessions (场次) and their live figures, with the keys of METRICS.md. Live figures are provisional
 * until the session ends and refunds settle.
 */
import type { ExportAnomaly } from '../metrics/export';
import type { ComputedStats, Figures, SessionWindow } from '../metrics/types';
import type { Money } from '../money';

export interface SessionInfo {
  id: string;
  title: string;
  room: string | null;
  startedAt: number;
  endedAt: number | null;
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
}

export interface GatewayLinkState {
  status: 'connecting' | 'live' | 'catching_up' | 'disconnected' | 'failed';
  /** "demo" for the built-in room, else the gateway URL. */
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
