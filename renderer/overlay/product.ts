/**
 * 讲解中: the pinned product's card. A new pin slides a fresh card in while the old one slides out
 * (CSS transform and opacity only: cheap in OBS's browser); figures of the same pin update in place.
 * The only timer is the countdown's 1 Hz tick, and only while a countdown runs. Figures of the same pin
 * (sold, stock, moving with every order) are redrawn at most once per FIGURES_STEP_MS, and while a
 * countdown runs on its tick, so the card changes once a second, not twice.
 */
import type { OverlaySettings, OverlayState, ProductCard } from '../../shared/contract/overlay';
import { FIGURES_STEP_MS } from '../../shared/overlay-pace';
import { countdownText, currencySign, overlayWords, priceText, stockLine, yuanShort } from '../../shared/overlay-text';
import { el, removeAfterAnimation, setData, setText } from './dom';
import { pacer } from './pacer';
import type { OverlayView } from './view';

interface CardNodes {
  card: HTMLElement;
  pic: HTMLElement;
  img: HTMLImageElement | null;
  placeholder: HTMLElement;
  live: HTMLElement;
  band: HTMLElement;
  link: HTMLElement;
  zhe: HTMLElement;
  title: HTMLElement;
  sign: HTMLElement;
  amount: HTMLElement;
  original: HTMLElement;
  stock: HTMLElement;
}

function build(card: ProductCard): CardNodes {
  const root = el('article', 'card');
  const pic = el('div', 'pic');
  const placeholder = el('div', 'placeholder', String(card.linkNo));
  pic.append(placeholder);
  let img: HTMLImageElement | null = null;
  if (card.image) {
    img = el('img', 'photo');
    img.alt = '';
    img.decoding = 'async';
    img.referrerPolicy = 'no-referrer';
    img.addEventListener('error', () => img?.remove(), { once: true });
    img.src = card.image;
    pic.append(img);
  }
  const live = el('span', 'live-pill');
  live.append(el('i', 'dot'), el('span', 'live-text'));
  const band = el('div', 'band');
  pic.append(live, band);
  const info = el('div', 'info');
  const tags = el('div', 'tags');
  const link = el('span', 'link');
  const zhe = el('span', 'zhe');
  tags.append(link, zhe);
  const title = el('h1', 'title');
  const priceRow = el('div', 'price-row');
  const sign = el('span', 'sign');
  const amount = el('span', 'amount');
  const original = el('s', 'original');
  priceRow.append(sign, amount, original);
  const stock = el('div', 'stock');
  info.append(tags, title, priceRow, stock);
  root.append(pic, info);
  return { card: root, pic, img, placeholder, live, band, link, zhe, title, sign, amount, original, stock };
}

export function productView(): OverlayView {
  const root = el('div', 'widget product-widget');
  let shown: { card: ProductCard; nodes: CardNodes } | null = null;
  let settings: OverlaySettings | null = null;
  let tick: ReturnType<typeof setInterval> | null = null;
  /** Figures changed while the countdown runs: drawn at its next tick. */
  let figuresDue = false;

  function fill(nodes: CardNodes, card: ProductCard, s: OverlaySettings): void {
    const w = overlayWords(s.language);
    setData(nodes.card, 'productId', card.productId);
    setData(nodes.card, 'pinVersion', String(card.pinVersion));
    setText(nodes.live.lastChild as Element, w.live);
    setText(nodes.link, w.link(card.linkNo));
    setText(nodes.zhe, card.discount ? w.zhe(card.discount.zheTenths) : '');
    nodes.zhe.hidden = !card.discount;
    setText(nodes.title, card.title);
    setText(nodes.sign, currencySign(card.price));
    setText(nodes.amount, yuanShort(card.price));
    setText(nodes.original, card.originalPrice ? priceText(card.originalPrice) : '');
    nodes.original.hidden = !card.originalPrice;
    const stock = stockLine(card, s.language);
    setText(nodes.stock, stock.text);
    setData(nodes.stock, 'tone', stock.tone);
    setData(nodes.card, 'tone', stock.tone);
    updateBand(nodes, card, s);
  }

  function updateBand(nodes: CardNodes, card: ProductCard, s: OverlaySettings): boolean {
    const w = overlayWords(s.language);
    const out = nodes.card.dataset.tone === 'out';
    let text = '';
    let running = false;
    if (out) text = w.soldOut;
    else if (card.countdownEndsAt !== null) {
      running = card.countdownEndsAt > Date.now();
      text = running ? `${w.countdown} ${countdownText(card.countdownEndsAt, Date.now())}` : w.ended;
    }
    setText(nodes.band, text);
    nodes.band.hidden = text === '';
    return running && !out;
  }

  function syncTimer(): void {
    const running = shown && settings ? updateBand(shown.nodes, shown.card, settings) : false;
    if (running && !tick) {
      tick = setInterval(() => {
        if (shown && settings && figuresDue) fill(shown.nodes, shown.card, settings);
        figuresDue = false;
        if (!shown || !settings || !updateBand(shown.nodes, shown.card, settings)) stopTimer();
      }, 1000);
    } else if (!running) stopTimer();
  }

  function stopTimer(): void {
    if (tick) clearInterval(tick);
    tick = null;
    if (!figuresDue) return;
    figuresDue = false;
    refreshFigures();
  }

  const refreshFigures = pacer(FIGURES_STEP_MS, () => {
    if (!shown || !settings) return;
    fill(shown.nodes, shown.card, settings);
    syncTimer();
  });

  return {
    root,
    render(state: OverlayState, changed, first) {
      settings = state.settings;
      const card = state.product;
      if (!changed.has('product') && !changed.has('settings') && !first) return;
      const samePin =
        shown && card && shown.card.productId === card.productId && shown.card.pinVersion === card.pinVersion;
      if (shown && card && samePin && !changed.has('settings')) {
        // Figures of the pin on air (sold, stock) move with every order: redrawn at most once per step,
        // with the countdown's tick while one runs (one redraw a second, not two).
        shown.card = card;
        if (tick) figuresDue = true;
        else refreshFigures();
        return;
      }
      if (shown && card && (samePin || (changed.has('settings') && !changed.has('product')))) {
        shown.card = card;
        fill(shown.nodes, card, state.settings);
      } else {
        if (shown) removeAfterAnimation(shown.nodes.card, 'leaving', 500);
        shown = null;
        if (card) {
          const nodes = build(card);
          fill(nodes, card, state.settings);
          root.append(nodes.card);
          shown = { card, nodes };
        }
      }
      setData(root, 'state', shown ? 'shown' : 'empty');
      syncTimer();
    },
  };
}
