import { describe, expect, it } from 'vitest';
import { browserCandidates, browserFlags, findBrowser, noBrowserMessage } from './chromium';

describe('finding a browser for the recap PDF on each OS', () => {
  it('looks in Program Files and LocalAppData on Windows, Chrome before Edge', () => {
    const env = {
      PROGRAMFILES: 'C:\\Program Files',
      'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
      LOCALAPPDATA: 'C:\\Users\\li\\AppData\\Local',
    };
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(browserCandidates('win32', env)).toContain(
      'C:\\Users\\li\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
    );
    expect(findBrowser(env, 'win32', (p) => p === edge)).toBe(edge);
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(findBrowser(env, 'win32', (p) => p === edge || p === chrome)).toBe(chrome);
  });

  it('looks in /Applications and ~/Applications on macOS', () => {
    const edge = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    expect(findBrowser({}, 'darwin', (p) => p === edge)).toBe(edge);
    expect(browserCandidates('darwin', {}, '/Users/li')).toContain(
      '/Users/li/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    );
  });

  it('honours CHROMIUM_PATH only when it exists, and says what to install per OS', () => {
    expect(findBrowser({ CHROMIUM_PATH: '/opt/c' }, 'linux', (p) => p === '/opt/c')).toBe('/opt/c');
    expect(findBrowser({ CHROMIUM_PATH: '/opt/c' }, 'linux', () => false)).toBeNull();
    expect(findBrowser({}, 'linux', (p) => p === '/snap/bin/chromium')).toBe('/snap/bin/chromium');
    expect(noBrowserMessage('win32')).toMatch(/Microsoft Edge/);
    expect(noBrowserMessage('darwin')).toMatch(/\/Applications/);
    expect(noBrowserMessage('linux')).toMatch(/apt install chromium/);
  });

  it('drops the sandbox only when running as root', () => {
    expect(browserFlags({ root: true })).toContain('--no-sandbox');
    expect(browserFlags({ root: false })).not.toContain('--no-sandbox');
  });
});
