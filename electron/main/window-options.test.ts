import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../shared/csp';
import {
  isAllowedNavigation,
  isAllowedPermission,
  isSafeExternalLink,
  isTrustedBootstrap,
  mainWindowOptions,
} from './window-options';

describe('desktop window security', () => {
  const options = mainWindowOptions('/app/out/preload/index.cjs');
  const engine = 'http://127.0.0.1:17380';

  it('isolates the renderer from Node and Electron', () => {
    const web = options.webPreferences!;
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    // nothing on the renderer's command line: other local users can read it
    expect(web.additionalArguments ?? []).toEqual([]);
    expect(JSON.stringify(options)).not.toContain('token');
  });

  it('hands the token only to its own window, main frame, engine origin', () => {
    const ok = { senderId: 3, windowId: 3, frameUrl: `${engine}/live`, isMainFrame: true };
    expect(isTrustedBootstrap(ok, engine)).toBe(true);
    expect(isTrustedBootstrap({ ...ok, senderId: 4 }, engine)).toBe(false);
    expect(isTrustedBootstrap({ ...ok, windowId: null }, engine)).toBe(false);
    expect(isTrustedBootstrap({ ...ok, isMainFrame: false }, engine)).toBe(false);
    expect(isTrustedBootstrap({ ...ok, frameUrl: 'https://evil.example/' }, engine)).toBe(false);
    expect(isTrustedBootstrap({ ...ok, frameUrl: undefined }, engine)).toBe(false);
  });

  it('grants only clipboard writes to the console, and nothing to other origins', () => {
    expect(isAllowedPermission('clipboard-sanitized-write', engine, engine)).toBe(true);
    expect(isAllowedPermission('clipboard-sanitized-write', 'https://evil.example', engine)).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid'])
      expect(isAllowedPermission(p, engine, engine), p).toBe(false);
  });

  it('keeps navigation on the engine origin and opens only https outside', () => {
    expect(isAllowedNavigation('http://127.0.0.1:17380/sessions', 'http://127.0.0.1:17380')).toBe(true);
    expect(isAllowedNavigation('http://127.0.0.1:17381/', 'http://127.0.0.1:17380')).toBe(false);
    expect(isAllowedNavigation('https://evil.example/', 'http://127.0.0.1:17380')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', 'http://127.0.0.1:17380')).toBe(false);
    expect(isSafeExternalLink('https://www.xiaohongshu.com/')).toBe(true);
    expect(isSafeExternalLink('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalLink('file:///C:/Windows')).toBe(false);
  });

  it('serves the console under a strict Content-Security-Policy', () => {
    expect(RENDERER_CSP).toContain("default-src 'self'");
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(RENDERER_CSP).toContain("object-src 'none'");
    expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
  });
});
