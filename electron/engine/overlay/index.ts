/** Overlays on the stream: live state and pages for OBS browser sources, PNG card fallback, OBS wiring. */
export { createOverlayHandlers, type OverlayHandlers } from './handlers';
export { OVERLAY_NAMESPACE, OverlayHub, type OverlayHubEvents, type OverlayHubOptions } from './hub';
export { CARD_SLOTS, cardSlotName, PRODUCT_IMAGE_SOURCE_NAME } from './obs-card-scene';
export {
  type EnsureOverlaySourcesOptions,
  ensureOverlaySources,
  type ObsRequester,
  OVERLAY_SOURCE_NAMES,
  OVERLAY_SOURCE_PREFIX,
  obsHasBrowserSource,
} from './obs-sources';
export { maskName, toOverlayChat, toOverlayTicks } from './order-ticks';
export { OVERLAY_CSP, OVERLAY_PREFIX } from './pages';
export { type CardImage, renderProductCardPng } from './png/render-card';
export { cardDiscount, toProductCard } from './product-card';
export { DEFAULT_OVERLAY_SETTINGS } from './settings';
