/**
 * What the overlays show follows the show: the pinned product's card follows the pin, the catalogue and
 * what sold; the goal follows paid GMV. Only the slices that matter trigger a refresh.
 */
import type { PinState, Product, StudioState } from '../../../shared/contract';
import { money } from '../../../shared/money';
import { catalogueImageUrl } from '../catalogue-media';
import type { StateStore } from '../state';
import type { OverlayHub } from './hub';
import { toProductCard } from './product-card';

/** Run-of-show neighbours rendered ahead on each side of the pinned product (or the first ones). */
const AHEAD = 2;

export function followShowOnOverlays(state: StateStore<StudioState>, hub: OverlayHub): void {
  const refresh = () => {
    const s = state.get();
    const pinned = s.pin.pinned;
    const at = pinned ? s.products.findIndex((p) => p.productId === pinned.productId) : -1;
    const card = (product: Product, pin: PinState) =>
      toProductCard({
        product,
        pin,
        sold: s.productLive[product.productId]?.units ?? 0,
        imageUrl: catalogueImageUrl,
      });
    hub.setProductCard(at >= 0 ? card(s.products[at], s.pin) : null);
    // What the next pin will likely show: the neighbours as a fresh pin would show them (no countdown).
    const fresh = (p: Product): PinState => ({
      ...s.pin,
      pinned: { productId: p.productId, since: 0, version: 0 },
      countdownEndsAt: null,
      stockLimit: null,
    });
    const from = Math.max(0, at - AHEAD);
    const near = s.products.slice(from, Math.max(at, 0) + AHEAD + 1).filter((_, i) => from + i !== at);
    hub.prerenderCards(near.flatMap((p) => card(p, fresh(p)) ?? []));
    hub.setGoalCurrent(s.figures.figures?.paidGmv ?? money(0));
  };
  state.on('patch', (patch) => {
    if (patch.pin || patch.products || patch.productLive || patch.figures) refresh();
  });
  refresh();
}
