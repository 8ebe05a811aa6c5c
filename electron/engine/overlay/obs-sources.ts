/**
 * One click in the studio creates or repairs the overlay sources in the chosen OBS scene. Idempotent:
 * run twice, there is exactly one of each. Only inputs whose names carry the studio's prefix are ever
 * touched. Browser sources where OBS has them; the PNG card's scene of image sources where it does not
 * (Debian's OBS; see obs-card-scene.ts).
 */
import type { ObsOverlaySetupReport, OverlayName, OverlayUrls } from '../../../shared/contract/overlay';
import { OVERLAY_NAMES } from '../../../shared/contract/overlay';
import { ensureCardScene } from './obs-card-scene';
import { type ObsRequester, OVERLAY_SOURCE_PREFIX } from './obs-requester';
import { ensureInput, type FitTransform } from './obs-scene-items';

export { type ObsRequester, OVERLAY_SOURCE_PREFIX } from './obs-requester';

export const OVERLAY_SOURCE_NAMES: Record<OverlayName, string> = {
  product: `${OVERLAY_SOURCE_PREFIX}商品卡`,
  chat: `${OVERLAY_SOURCE_PREFIX}评论`,
  orders: `${OVERLAY_SOURCE_PREFIX}订单`,
  goal: `${OVERLAY_SOURCE_PREFIX}目标`,
};

export const LAYOUT_WIDTH = 1920;
export const LAYOUT_HEIGHT = 1080;

export interface EnsureOverlaySourcesOptions {
  sceneName: string;
  urls: OverlayUrls;
  /** Folder of the PNG card's slot files, for OBS without the browser source. */
  slotDir: string;
  /** Whether OBS has `browser_source`; asked from OBS (GetInputKindList) when omitted. */
  hasBrowserSource?: boolean;
  /** Only these overlays (default: all four); the PNG card stands for `product` where OBS has no browser. */
  only?: readonly OverlayName[];
}

type Data = Record<string, unknown>;

interface Desired {
  name: string;
  kind: 'browser_source';
  settings: Data;
}

/** True when OBS offers the browser source (Windows/macOS builds, not Debian's OBS). */
export async function obsHasBrowserSource(obs: ObsRequester): Promise<boolean> {
  const reply = await obs.call('GetInputKindList', { unversioned: true });
  return ((reply?.inputKinds ?? []) as string[]).includes('browser_source');
}

export function desiredOverlaySources(options: EnsureOverlaySourcesOptions & { hasBrowserSource: boolean }): Desired[] {
  const wanted = (name: OverlayName) => !options.only || options.only.includes(name);
  if (!options.hasBrowserSource) return [];
  return OVERLAY_NAMES.filter(wanted).map((name) => ({
    name: OVERLAY_SOURCE_NAMES[name],
    kind: 'browser_source' as const,
    settings: {
      url: options.urls[name],
      width: LAYOUT_WIDTH,
      height: LAYOUT_HEIGHT,
      // Reload the page when the scene goes live, and stop it while hidden: no CPU spent off-air.
      restart_when_active: true,
      shutdown: true,
      reroute_audio: false,
      css: '',
    },
  }));
}

/** Creates the scene when missing, then each studio overlay source once in it with the right settings. */
export async function ensureOverlaySources(
  obs: ObsRequester,
  options: EnsureOverlaySourcesOptions,
): Promise<ObsOverlaySetupReport> {
  const hasBrowserSource = options.hasBrowserSource ?? (await obsHasBrowserSource(obs));
  const desired = desiredOverlaySources({ ...options, hasBrowserSource });
  const report: ObsOverlaySetupReport = {
    sceneName: options.sceneName,
    sceneCreated: false,
    kind: hasBrowserSource ? 'browser_source' : 'image_source',
    created: [],
    repaired: [],
    unchanged: [],
  };
  const { sceneName } = options;
  const [scenes, inputs, video] = await Promise.all([
    obs.call('GetSceneList'),
    obs.call('GetInputList'),
    obs.call('GetVideoSettings'),
  ]);
  const sceneNames = (scenes.scenes as Data[]).map((s) => String(s.sceneName));
  if (!sceneNames.includes(sceneName)) {
    await obs.call('CreateScene', { sceneName });
    report.sceneCreated = true;
  }
  const kinds = new Map<string, string>();
  for (const input of inputs.inputs as Data[]) {
    kinds.set(String(input.inputName), String(input.unversionedInputKind ?? input.inputKind));
  }
  const fit: FitTransform = {
    positionX: 0,
    positionY: 0,
    alignment: 5, // top-left
    boundsType: 'OBS_BOUNDS_SCALE_INNER',
    boundsAlignment: 0,
    boundsWidth: Number(video.baseWidth) || LAYOUT_WIDTH,
    boundsHeight: Number(video.baseHeight) || LAYOUT_HEIGHT,
  };
  if (!hasBrowserSource) {
    // The PNG card stands for `product` where OBS has no browser source.
    if (!options.only || options.only.includes('product'))
      await ensureCardScene(obs, { sceneName, slotDir: options.slotDir, kinds, scenes: sceneNames, fit }, report);
    return report;
  }

  for (const want of desired) {
    const outcome = await ensureInput(obs, { ...want, sceneName, fit, enabled: true }, kinds);
    report[outcome].push(want.name);
  }
  return report;
}
