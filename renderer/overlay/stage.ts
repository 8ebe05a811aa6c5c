/** The 1920x1080 layout stage scaled to the browser source's size, and the settings applied to it. */
import type { OverlayName, OverlaySettings } from '../../shared/contract/overlay';

export const LAYOUT_WIDTH = 1920;
export const LAYOUT_HEIGHT = 1080;

export function fitStage(stage: HTMLElement): void {
  const scale = Math.min(innerWidth / LAYOUT_WIDTH, innerHeight / LAYOUT_HEIGHT) || 1;
  stage.style.transform = `scale(${scale})`;
}

export function applySettings(body: HTMLElement, widget: HTMLElement, name: OverlayName, s: OverlaySettings): void {
  body.dataset.theme = s.theme;
  document.documentElement.lang = s.language;
  body.style.setProperty('--brand', s.brandColor);
  const place = s.placement[name];
  widget.style.transform = `translate(${place.x}px, ${place.y}px) scale(${place.scale})`;
  widget.hidden = !place.visible;
}
