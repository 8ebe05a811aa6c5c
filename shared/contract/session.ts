/**
 * Sessions (场次) and their live figures, with the keys of METRICS.md. Live figures are provisional
 * until the session ends and refunds settle.
 */
import type { Money } from '../money';

export interface SessionInfo {
  id: string;
  title: string;
  room: string | null;
  startedAt: number;
  endedAt: number | null;
}

/** Every figure of METRICS.md by its key. Money ratios are Money; conversion/refundRate fractions. */
export interface Figures {
  paidGmv: Money;
  refunds: Money;
  settledGmv: Money;
  orders: number;
  units: number;
  buyers: number;
  perBuyer: Money | null;
  aov: Money | null;
  perUnit: Money | null;
  refundRate: number | null;
  peakViewers: number;
  averageViewers: number | null;
  cumulativeViewers: number | null;
  gpm: Money | null;
  conversion: number | null;
  chatRate: number | null;
}

export interface LiveFiguresState {
  sessionId: string | null;
  figures: Figures | null;
  /** Paid GMV per minute since the session started (fen), for the sparkline. */
  gmvPerMinute: number[];
  viewersNow: number | null;
  /** True while some paid order carried no amount: money figures are incomplete. */
  incomplete: boolean;
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
