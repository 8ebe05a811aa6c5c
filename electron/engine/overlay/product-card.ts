/**
 * The pinned product as the overlay card shows it. Pure: the engine passes the product, the pin and the
 * session's sold units; the discount is worked out with integer maths (no float decides a digit).
 */

import type { CardDiscount, ProductCard } from '../../../shared/contract/overlay';
import type { PinState } from '../../../shared/contract/pins';
import type { Product } from '../../../shared/contract/products';
import { divideRoundHalfUp, type Money, money } from '../../../shared/money';

/** 7.8折 as 78 tenths plus the saving; null when there is no higher original price in the same currency. */
export function cardDiscount(price: Money, originalPrice: Money | null): CardDiscount | null {
  if (!originalPrice || originalPrice.currency !== price.currency) return null;
  if (originalPrice.amount <= price.amount || price.amount < 0) return null;
  const zheTenths = Math.max(1, divideRoundHalfUp(price.amount, originalPrice.amount, 100));
  if (zheTenths >= 100) return null; // 99.96% of the price is no discount worth a badge
  return { zheTenths, saving: money(originalPrice.amount - price.amount, price.currency) };
}

export interface CardInputs {
  product: Product;
  pin: PinState;
  /** Units of this product paid in the running session (0 without a session). */
  sold: number;
  /** Turns the catalogue's image reference into a URL the page can load; null hides the picture. */
  imageUrl?: (image: string) => string | null;
}

/** The card for the pinned product, or null when `pin` pins nothing or pins another product. */
export function toProductCard({ product, pin, sold, imageUrl }: CardInputs): ProductCard | null {
  if (!pin.pinned || pin.pinned.productId !== product.productId) return null;
  const original =
    product.originalPrice && product.originalPrice.amount > product.price.amount ? product.originalPrice : null;
  return {
    productId: product.productId,
    title: product.title,
    image: product.image ? (imageUrl ? imageUrl(product.image) : defaultImageUrl(product.image)) : null,
    linkNo: product.linkNo,
    price: product.price,
    originalPrice: original,
    discount: cardDiscount(product.price, original),
    stock: product.stock === null ? null : Math.max(0, product.stock),
    sold: Math.max(0, sold),
    stockLimit: pin.stockLimit,
    countdownEndsAt: pin.countdownEndsAt,
    pinVersion: pin.pinned.version,
    pinnedAt: pin.pinned.since,
  };
}

/** Only https URLs and same-origin paths reach a page; anything else (javascript:, file:) is dropped. */
export function defaultImageUrl(image: string): string | null {
  if (/^https:\/\//i.test(image)) return image;
  if (image.startsWith('/') && !image.startsWith('//')) return image;
  return null;
}
