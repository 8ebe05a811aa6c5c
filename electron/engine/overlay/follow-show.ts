/**
 * What the overlays show follows the show: the pinned product's card follows the pin, the catalogue and
 * what sold; the goal follows paid GMV. Only the slices that matter trigger a refresh.
 */
import type { StudioState } from '../../../shared/contract';
import { money } from '../../../shared/money';
import { catalogueImageUrl } from '../catalogue-media';
import type { StateStore } from '../state';
import type { OverlayHub } from './hub';
import { toProductCard } from './product-card';

export function followShowOnOverlays(state: StateStore<StudioState>, hub: OverlayHub): void {
  const refresh = () => {
    const s = state.get();
    const pinned = s.pin.pinned;
    const product = pinned ? s.products.find((p) => p.productId === pinned.productId) : undefined;
    hub.setProductCard(
      product
        ? toProductCard({
            product,
            pin: s.pin,
            sold: s.productLive[product.productId]?.soldUnits ?? 0,
            imageUrl: catalogueImageUrl,
          })
        : null,
    );
    hub.setGoalCurrent(s.figures.figures?.paidGmv ?? money(0));
  };
  state.on('patch', (patch) => {
    if (patch.pin || patch.products || patch.productLive || patch.figures) refresh();
  });
  refresh();
}
