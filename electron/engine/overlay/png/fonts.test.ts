import { describe, expect, it } from 'vitest';
import { fontSourcesFor, loadCardFonts } from './fonts';

describe('PNG card fonts on each OS', () => {
  it('looks in the Windows font folders: Noto if installed, then Microsoft YaHei regular and bold', () => {
    const sources = fontSourcesFor('win32', { WINDIR: 'D:\\Windows', LOCALAPPDATA: 'C:\\Users\\li\\AppData\\Local' });
    expect(sources.map((s) => s.file)).toContain(
      'C:\\Users\\li\\AppData\\Local\\Microsoft\\Windows\\Fonts\\NotoSansCJKsc-Regular.otf',
    );
    expect(sources).toContainEqual({ file: 'D:\\Windows\\Fonts\\msyh.ttc', weight: 400, family: 'Microsoft YaHei' });
    expect(sources).toContainEqual({ file: 'D:\\Windows\\Fonts\\msyhbd.ttc', weight: 700, family: 'Microsoft YaHei' });
    const files = sources.map((s) => s.file);
    expect(files.indexOf('D:\\Windows\\Fonts\\NotoSansCJKsc-Regular.otf')).toBeLessThan(
      files.indexOf('D:\\Windows\\Fonts\\msyh.ttc'),
    );
  });

  it('looks in the macOS font folders: Noto, then PingFang SC and Hiragino Sans GB', () => {
    const sources = fontSourcesFor('darwin', {}, '/Users/li');
    expect(sources.map((s) => s.file)).toContain('/Users/li/Library/Fonts/NotoSansCJKsc-Regular.otf');
    expect(sources).toContainEqual({ file: '/System/Library/Fonts/PingFang.ttc', weight: 700, family: 'PingFang SC' });
    expect(sources.map((s) => s.file)).toContain('/System/Library/Fonts/Hiragino Sans GB.ttc');
  });

  it('finds the Noto collections on Linux and checks them for Chinese glyphs', async () => {
    const fonts = await loadCardFonts(fontSourcesFor('linux', {}, '/nonexistent'));
    expect(fonts.fonts.map((f) => f.weight)).toEqual([400, 700]);
    expect(fonts.coverage.has(0x4e2d)).toBe(true);
    // a source list where nothing exists says what to install
    await expect(loadCardFonts(fontSourcesFor('win32', { WINDIR: '/nonexistent' }))).rejects.toThrow(
      /install Noto Sans CJK SC/,
    );
  });
});
