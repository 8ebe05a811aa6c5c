import { describe, expect, it } from 'vitest';
import { resolveInside } from './static-files';

describe('resolveInside', () => {
  const root = '/srv/renderer';
  it('maps paths inside the root', () => {
    expect(resolveInside(root, '/index.html')).toBe('/srv/renderer/index.html');
    expect(resolveInside(root, '/assets/app-1.js')).toBe('/srv/renderer/assets/app-1.js');
  });
  it('serves from a root inside a dot-folder', () => {
    expect(resolveInside('/home/a/.config/maishou-studio/catalogue', '/images/a.svg')).toBe(
      '/home/a/.config/maishou-studio/catalogue/images/a.svg',
    );
  });

  it('never leaves the root', () => {
    for (const evil of [
      '/../etc/passwd',
      '/..%2f..%2fetc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/../../secret',
      '/..\\..\\windows',
      '/a%00.html',
      '/%E0%A4%A',
      '/.env',
      '/assets/.git/config',
    ]) {
      const got = resolveInside(root, evil);
      expect(got === null || got.startsWith('/srv/renderer/'), evil).toBe(true);
      // Clamped inside the root at worst (a `..` at the root stays at the root), never hidden files.
      expect(got ?? '', evil).not.toMatch(/^\/etc|\.env|\.git|\.\.|\\/);
    }
  });
});
