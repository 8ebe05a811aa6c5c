/**
 * The one authority for pins. Every pin command from any seat, the control API or a hotkey goes
 * through here in order; each may carry the version it was made against, and a stale one is refused
 * with the current state instead of silently overriding someone else's pin. Pure: time and the
 * run-of-show order are passed in.
 */
import type { PinReply, PinState } from '../../../shared/contract/pins';
import { StudioError } from '../../../shared/errors';

export interface PinOptions {
  expectedVersion?: number;
  countdownSeconds?: number;
  stockLimit?: number;
}

export const EMPTY_PIN: PinState = { pinned: null, version: 0, countdownEndsAt: null, stockLimit: null };

export class PinBoard {
  private current: PinState;
  private readonly listeners = new Set<(state: PinState, previous: PinState) => void>();

  constructor(
    /** Product ids in run-of-show order. */
    private readonly order: () => readonly string[],
    initial: PinState = EMPTY_PIN,
    private readonly now: () => number = Date.now,
  ) {
    this.current = initial;
  }

  get state(): PinState {
    return this.current;
  }

  onChange(listener: (state: PinState, previous: PinState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private reply(atEnd?: boolean): PinReply {
    return atEnd ? { pinned: this.current.pinned, atEnd: true } : { pinned: this.current.pinned };
  }

  private checkVersion(expected: number | undefined): void {
    if (expected !== undefined && expected !== this.current.version) {
      throw new StudioError(
        'stale_pin',
        `Someone changed the pin since version ${expected}; it is now version ${this.current.version}`,
        {
          status: 409,
          extra: { pinned: this.current.pinned, pin: this.current },
        },
      );
    }
  }

  private commit(productId: string | null, options: PinOptions = {}): PinReply {
    const previous = this.current;
    const version = previous.version + 1;
    const at = this.now();
    this.current = {
      pinned: productId === null ? null : { productId, since: at, version },
      version,
      countdownEndsAt: productId !== null && options.countdownSeconds ? at + options.countdownSeconds * 1000 : null,
      stockLimit: productId !== null ? (options.stockLimit ?? null) : null,
    };
    for (const listener of this.listeners) listener(this.current, previous);
    return this.reply();
  }

  /** Pins a product (讲解). Pinning the pinned product again only updates its countdown/limit if given. */
  set(productId: string, options: PinOptions = {}): PinReply {
    this.checkVersion(options.expectedVersion);
    if (!this.order().includes(productId)) {
      throw new StudioError('unknown_product', `No product ${productId} in the run-of-show`, {
        status: 404,
        path: 'productId',
      });
    }
    const same = this.current.pinned?.productId === productId;
    if (same && options.countdownSeconds === undefined && options.stockLimit === undefined) return this.reply();
    return this.commit(productId, options);
  }

  /** Pins the next product in the run-of-show; with nothing pinned, the first. At the last: no change, atEnd. */
  next(expectedVersion?: number): PinReply {
    return this.step(+1, expectedVersion);
  }

  /** Pins the previous product. At the first, or with nothing pinned: no change, atEnd. */
  previous(expectedVersion?: number): PinReply {
    return this.step(-1, expectedVersion);
  }

  private step(direction: 1 | -1, expectedVersion?: number): PinReply {
    this.checkVersion(expectedVersion);
    const order = this.order();
    const pinned = this.current.pinned?.productId;
    const index = pinned === undefined ? -1 : order.indexOf(pinned);
    let target: number;
    if (index === -1) target = direction === 1 ? 0 : -1;
    else target = index + direction;
    if (target < 0 || target >= order.length) return this.reply(true);
    return this.commit(order[target]);
  }

  /** Unpins (ends the 讲解 segment). Unpinning with nothing pinned changes nothing. */
  clear(expectedVersion?: number): PinReply {
    this.checkVersion(expectedVersion);
    if (!this.current.pinned) return this.reply();
    return this.commit(null);
  }

  /** A product left the run-of-show: its pin ends. */
  productRemoved(productId: string): void {
    if (this.current.pinned?.productId === productId) this.commit(null);
  }
}
