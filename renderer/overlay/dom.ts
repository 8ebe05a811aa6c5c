/** DOM helpers for the overlay pages. Text goes in through textContent only: network text is never HTML. */

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Sets text only when it differs, so an unchanged figure costs no layout. */
export function setText(node: Element, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** Sets a data attribute only when it differs: a rewrite of the same value may still restyle the page. */
export function setData(node: HTMLElement, key: string, value: string): void {
  if (node.dataset[key] !== value) node.dataset[key] = value;
}

/** Removes `node` after its CSS exit animation (or at once when animations do not run, e.g. hidden). */
export function removeAfterAnimation(node: HTMLElement, className: string, fallbackMs = 600): void {
  node.classList.add(className);
  let done = false;
  const remove = () => {
    if (done) return;
    done = true;
    node.remove();
  };
  node.addEventListener('animationend', remove, { once: true });
  setTimeout(remove, fallbackMs);
}
