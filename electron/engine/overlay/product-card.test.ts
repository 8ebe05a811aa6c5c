import { describe, expect, it } from 'vitest';
import type { PinState } from '../../../shared/contract/pins';
import type { Product } from '../../../shared/contract/products';
import { cardDiscount, defaultImageUrl, toProductCard } from './product-card';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const product: Product = {
  productId: 'XHS-CL-001',
  sku: 'XHS-CL-001',
  title: '22姆米重磅真丝缎面衬衫',
  price: cny(69900),
  originalPrice: cny(89900),
  stock: 120,
  image: 'images/XHS-CL-001.jpg',
  linkNo: 1,
};
const pin: PinState = {
  pinned: { productId: 'XHS-CL-001', since: 1000, version: 7 },
  version: 7,
  countdownEndsAt: 61_000,
  stockLimit: 50,
};

describe('product card', () => {
  it('works out 折 and the saving with integer maths', () => {
    expect(cardDiscount(cny(69900), cny(89900))).toEqual({ zheTenths: 78, saving: cny(20000) });
    expect(cardDiscount(cny(5990), cny(9900))).toEqual({ zheTenths: 61, saving: cny(3910) });
    expect(cardDiscount(cny(1), cny(100000))?.zheTenths).toBe(1); // never "0折"
    expect(cardDiscount(cny(99960), cny(100000))).toBeNull(); // 9.996折 rounds to 10: no badge
    expect(cardDiscount(cny(100), cny(100))).toBeNull();
    expect(cardDiscount(cny(100), null)).toBeNull();
    expect(cardDiscount(cny(100), { amount: 200, currency: 'USD' })).toBeNull();
  });

  it('builds the card of the pinned product with its pin figures', () => {
    const card = toProductCard({ product, pin, sold: 12, imageUrl: (i) => `/media/${i}` });
    expect(card).toMatchObject({
      productId: 'XHS-CL-001',
      image: '/media/images/XHS-CL-001.jpg',
      discount: { zheTenths: 78 },
      sold: 12,
      stockLimit: 50,
      countdownEndsAt: 61_000,
      pinVersion: 7,
      pinnedAt: 1000,
    });
  });

  it('is null for another product or no pin, and drops an original price below the price', () => {
    expect(toProductCard({ product, pin: { ...pin, pinned: null }, sold: 0 })).toBeNull();
    expect(toProductCard({ product: { ...product, productId: 'x' }, pin, sold: 0 })).toBeNull();
    const cheaper = toProductCard({ product: { ...product, originalPrice: cny(100) }, pin, sold: 0 });
    expect(cheaper?.originalPrice).toBeNull();
    expect(cheaper?.discount).toBeNull();
  });

  it('lets only https and same-origin image URLs reach a page', () => {
    expect(defaultImageUrl('https://img.example/x.jpg')).toBe('https://img.example/x.jpg');
    expect(defaultImageUrl('/media/x.jpg')).toBe('/media/x.jpg');
    expect(defaultImageUrl('javascript:alert(1)')).toBeNull();
    expect(defaultImageUrl('//evil.example/x.jpg')).toBeNull();
    expect(defaultImageUrl('images/x.jpg')).toBeNull();
  });
});
