/**
 * Studio scene setup: create or repair the overlay sources in a scene the user picks, idempotently.
 * Only inputs with the studio's own names are touched; the user's other sources are never changed.
 * A browser_source where OBS has one (Windows/macOS builds), an image_source showing the rendered PNG
 * card otherwise (Debian's OBS). A source the user moved or resized keeps its placement; only a missing,
 * duplicated or hidden scene item is repaired.
 */
import type { ObsSceneSetupReport } from '../../../shared/contract/obs';
import type { ObsConnection } from './connection';

export interface OverlaySourceSpec {
  /** OBS input name; the studio owns every input with this name. */
  name: string;
  /** Overlay page for a browser source. */
  url: string;
  /** PNG for the image-source fallback. */
  imageFile: string;
}

export const OVERLAY_NAMES = ['product', 'chat', 'orders', 'goal'] as const;
export type OverlayName = (typeof OVERLAY_NAMES)[number];

/** OBS input names of the studio's overlays (shown in the user's OBS source list). */
export const overlayInputName = (name: OverlayName): string => `Maishou ${name}`;

/** The overlay inputs of PROTOCOL.md E: page URL with its token, PNG fallback in `pngDir`. */
export function defaultOverlaySources(baseUrl: string, overlayToken: string, pngDir: string): OverlaySourceSpec[] {
  return OVERLAY_NAMES.map((name) => ({
    name: overlayInputName(name),
    url: `${baseUrl.replace(/\/+$/, '')}/overlay/${name}?token=${encodeURIComponent(overlayToken)}`,
    imageFile: `${pngDir.replace(/\/+$/, '')}/${name}.png`,
  }));
}

type Data = Record<string, unknown>;

function desiredSettings(
  spec: OverlaySourceSpec,
  kind: ObsSceneSetupReport['kind'],
  width: number,
  height: number,
): Data {
  if (kind === 'browser_source') {
    // Shut down when hidden and refresh when the scene becomes active: an overlay page is light while
    // shown and costs nothing while not, and it re-reads the studio's state each time it appears.
    return { url: spec.url, width, height, css: '', shutdown: true, restart_when_active: true, reroute_audio: false };
  }
  return { file: spec.imageFile, unload: false };
}

/** True when every desired key has the desired value in `actual`. */
function matches(actual: Data, desired: Data): boolean {
  return Object.entries(desired).every(([k, v]) => actual[k] === v);
}

/**
 * Creates the scene if missing, then makes each overlay input exist once in it with the right kind and
 * settings. Running it twice leaves exactly one of each; the second run reports everything unchanged.
 */
export async function setupStudioScene(
  conn: ObsConnection,
  options: { scene: string; sources: readonly OverlaySourceSpec[]; hasBrowserSource: boolean },
): Promise<ObsSceneSetupReport> {
  const kind: ObsSceneSetupReport['kind'] = options.hasBrowserSource ? 'browser_source' : 'image_source';
  const report: ObsSceneSetupReport = {
    scene: options.scene,
    sceneCreated: false,
    kind,
    created: [],
    repaired: [],
    unchanged: [],
  };
  const [sceneList, inputList, video] = await Promise.all([
    conn.call('GetSceneList'),
    conn.call('GetInputList'),
    conn.call('GetVideoSettings'),
  ]);
  if (!sceneList.scenes.some((s) => s.sceneName === options.scene)) {
    await conn.call('CreateScene', { sceneName: options.scene });
    report.sceneCreated = true;
  }
  const inputs = new Map<string, string>();
  for (const input of inputList.inputs as Data[]) {
    inputs.set(String(input.inputName), String(input.unversionedInputKind ?? input.inputKind));
  }
  const { baseWidth, baseHeight } = video;

  for (const spec of options.sources) {
    const settings = desiredSettings(spec, kind, baseWidth, baseHeight);
    const existingKind = inputs.get(spec.name);
    let changed = false;
    let created = false;
    if (existingKind !== undefined && existingKind !== kind) {
      // Ours by name, but the other kind (OBS gained or lost browser sources): replace it.
      await conn.call('RemoveInput', { inputName: spec.name });
      changed = true;
    }
    if (existingKind === undefined || existingKind !== kind) {
      await conn.call('CreateInput', {
        sceneName: options.scene,
        inputName: spec.name,
        inputKind: kind,
        inputSettings: settings as never,
        sceneItemEnabled: true,
      });
      created = existingKind === undefined;
      changed = true;
      await fitToCanvas(conn, options.scene, spec.name, baseWidth, baseHeight);
    } else {
      const current = await conn.call('GetInputSettings', { inputName: spec.name });
      if (!matches(current.inputSettings as Data, settings)) {
        await conn.call('SetInputSettings', { inputName: spec.name, inputSettings: settings as never, overlay: true });
        changed = true;
      }
      changed = (await ensureOneVisibleItem(conn, options.scene, spec.name, baseWidth, baseHeight)) || changed;
    }
    if (created) report.created.push(spec.name);
    else if (changed) report.repaired.push(spec.name);
    else report.unchanged.push(spec.name);
  }
  return report;
}

/** Exactly one enabled item of `source` in `scene`; returns whether anything had to change. */
async function ensureOneVisibleItem(
  conn: ObsConnection,
  scene: string,
  source: string,
  w: number,
  h: number,
): Promise<boolean> {
  const { sceneItems } = await conn.call('GetSceneItemList', { sceneName: scene });
  const mine = (sceneItems as Data[]).filter((item) => item.sourceName === source);
  if (mine.length === 0) {
    await conn.call('CreateSceneItem', { sceneName: scene, sourceName: source, sceneItemEnabled: true });
    await fitToCanvas(conn, scene, source, w, h);
    return true;
  }
  let changed = false;
  for (const extra of mine.slice(1)) {
    await conn.call('RemoveSceneItem', { sceneName: scene, sceneItemId: Number(extra.sceneItemId) });
    changed = true;
  }
  if (mine[0].sceneItemEnabled === false) {
    await conn.call('SetSceneItemEnabled', {
      sceneName: scene,
      sceneItemId: Number(mine[0].sceneItemId),
      sceneItemEnabled: true,
    });
    changed = true;
  }
  return changed;
}

/** Overlays are laid out in 1920x1080 units: scale the new item into the canvas, whatever its size. */
async function fitToCanvas(conn: ObsConnection, scene: string, source: string, w: number, h: number): Promise<void> {
  const { sceneItemId } = await conn.call('GetSceneItemId', { sceneName: scene, sourceName: source });
  await conn.call('SetSceneItemTransform', {
    sceneName: scene,
    sceneItemId,
    sceneItemTransform: {
      positionX: 0,
      positionY: 0,
      alignment: 5,
      boundsType: 'OBS_BOUNDS_SCALE_INNER',
      boundsAlignment: 0,
      boundsWidth: w,
      boundsHeight: h,
    },
  });
}
