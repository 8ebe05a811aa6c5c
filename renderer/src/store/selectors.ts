/** Reading the engine's state: every slice may be absent until the engine serves it. */
import type { Product, ProductLive } from '../../../shared/contract';
import type { ConsoleState } from '../engine/contract';
import type { StudioStore } from './studio';

const NO_PRODUCTS: Product[] = [];
const NO_LIVE: Record<string, ProductLive> = {};

export const selectState = (s: StudioStore): ConsoleState | null => s.state;
export const selectPin = (s: StudioStore) => s.state?.pin ?? null;
export const selectSession = (s: StudioStore) => s.state?.session ?? null;
export const selectFigures = (s: StudioStore) => s.state?.figures ?? null;
export const selectGateway = (s: StudioStore) => s.state?.gateway ?? null;
export const selectRole = (s: StudioStore) => s.seat?.role ?? 'viewer';
export const selectCanOperate = (s: StudioStore) =>
  s.connection.status === 'connected' && (s.seat?.role === 'host' || s.seat?.role === 'assistant');
export const selectIsHost = (s: StudioStore) => s.connection.status === 'connected' && s.seat?.role === 'host';

/** The run-of-show, in order. */
export const selectProducts = (s: StudioStore): Product[] => s.state?.products ?? NO_PRODUCTS;
export const selectProductLive = (s: StudioStore): Record<string, ProductLive> => s.state?.productLive ?? NO_LIVE;
