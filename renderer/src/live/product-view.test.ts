import { describe, expect, it } from 'vitest';
import { imageUrl, stockLevel } from './product-view';

describe('product view', () => {
  it('grades stock, including unknown', () => {
    expect(stockLevel(0)).toBe('out');
    expect(stockLevel(8)).toBe('low');
    expect(stockLevel(120)).toBe('ok');
    expect(stockLevel(null)).toBe('unknown');
  });

  it('loads pictures only from safe places', () => {
    expect(imageUrl('images/XHS-CL-001.svg')).toBe('/catalogue/images/XHS-CL-001.svg');
    expect(imageUrl('https://cdn.example.com/a.jpg')).toBe('https://cdn.example.com/a.jpg');
    expect(imageUrl('../../etc/passwd')).toBeNull();
    expect(imageUrl('javascript:alert(1)')).toBeNull();
    expect(imageUrl('http://evil.example/a.jpg')).toBeNull();
    expect(imageUrl(null)).toBeNull();
  });
});
