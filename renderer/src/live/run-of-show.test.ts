import { describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/contract/products';
import { move, neighbour, pinShortcut, searchProducts, sparklinePoints } from './run-of-show';

const product = (n: number, title: string): Product => ({
  productId: `P${n}`,
  sku: `XHS-${n}`,
  title,
  price: { amount: 100 * n, currency: 'CNY' },
  originalPrice: null,
  stock: 10,
  image: '',
  linkNo: n,
});
const products = [product(1, '真丝衬衫'), product(2, '桑蚕丝方巾'), product(3, 'Linen bedding'), product(13, '茶')];

describe('run-of-show', () => {
  it('searches titles, skus and link numbers', () => {
    expect(searchProducts(products, '真丝').map((p) => p.productId)).toEqual(['P1']);
    expect(searchProducts(products, 'linen').map((p) => p.productId)).toEqual(['P3']);
    expect(searchProducts(products, '3号').map((p) => p.productId)).toEqual(['P3']);
    expect(searchProducts(products, 'xhs-13').map((p) => p.productId)).toEqual(['P13']);
    expect(searchProducts(products, '  ')).toBe(products);
  });

  it('moves items', () => {
    expect(move(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(move(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(move(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
  });

  it('finds the next and previous product like the engine', () => {
    const order = ['a', 'b', 'c'];
    expect(neighbour(order, null, 1)).toEqual({ productId: 'a', atEnd: false });
    expect(neighbour(order, 'b', 1)).toEqual({ productId: 'c', atEnd: false });
    expect(neighbour(order, 'c', 1)).toEqual({ productId: 'c', atEnd: true });
    expect(neighbour(order, 'a', -1)).toEqual({ productId: 'a', atEnd: true });
  });

  it('maps keys to pin shortcuts, never while typing', () => {
    const key = (k: string, extra: Partial<Parameters<typeof pinShortcut>[0]> = {}) =>
      pinShortcut({ key: k, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...extra });
    expect(key('ArrowRight', { altKey: true })).toBe('next');
    expect(key('ArrowLeft', { altKey: true })).toBe('previous');
    expect(key('0', { altKey: true })).toBe('clear');
    expect(key(']')).toBe('next');
    expect(key('[')).toBe('previous');
    expect(key(']', { targetTag: 'INPUT' })).toBeNull();
    expect(key('ArrowRight', { altKey: true, targetTag: 'INPUT' })).toBe('next');
    expect(key('ArrowRight')).toBeNull();
  });

  it('draws sparkline points inside the box', () => {
    expect(sparklinePoints([], 100, 20)).toBe('');
    expect(sparklinePoints([0, 10], 100, 20)).toBe('0,19 100,1');
    expect(sparklinePoints([5], 100, 20)).toBe('50,1');
  });
});
