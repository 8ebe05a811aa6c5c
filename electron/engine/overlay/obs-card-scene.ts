/**
 * The PNG card in OBS builds without the browser source: a scene of the studio's own holding CARD_SLOTS
 * image sources ("slots"), each showing one card file, exactly one of them enabled; the user's scene holds
 * that scene once (placed and scaled as the user likes). Hidden slots are loaded ahead with the cards a
 * pin will likely show next (png/obs-card-slots.ts), so a pin only switches which slot is enabled: OBS
 * decodes nothing at that moment and the card changes on the next frame.
 *
 * Setup is idempotent and repairs: run twice, there is exactly one of each; only sources whose names
 * carry the studio's prefix are touched.
 */
import { join } from 'node:path';
import type { ObsOverlaySetupReport } from '../../../shared/contract/overlay';
import { StudioError } from '../../../shared/errors';
import { type ObsRequester, OVERLAY_SOURCE_PREFIX } from './obs-requester';
import { ensureInput, ensureOneItem, type FitTransform } from './obs-scene-items';

/** The pinned card, the previous one and the run-of-show neighbours rendered ahead (2 on each side). */
export const CARD_SLOTS = 6;

/** The studio's card scene: what the user's scene holds (its own name: a user may have both kinds over time). */
export const PRODUCT_IMAGE_SOURCE_NAME = `${OVERLAY_SOURCE_PREFIX}商品卡 · 图片`;
/** The single image source of earlier versions, replaced by the card scene on repair. */
export const LEGACY_PRODUCT_IMAGE_SOURCE_NAME = `${OVERLAY_SOURCE_PREFIX}商品卡 (图片)`;

export const cardSlotName = (index: number): string => `${PRODUCT_IMAGE_SOURCE_NAME} ${index + 1}`;
export const cardSlotPath = (dir: string, index: number): string => join(dir, `card-slot-${index + 1}.png`);

type Data = Record<string, unknown>;

export interface EnsureCardSceneOptions {
  /** The user's scene that shows the card. */
  sceneName: string;
  /** Folder of the slot files (card-slot-N.png). */
  slotDir: string;
  /** Inputs OBS has now, name -> unversioned kind. */
  kinds: ReadonlyMap<string, string>;
  /** Scenes OBS has now. */
  scenes: readonly string[];
  fit: FitTransform;
}

/** One slot: an image source of the card scene showing its file, kept loaded while hidden. */
async function ensureSlot(obs: ObsRequester, index: number, options: EnsureCardSceneOptions): Promise<boolean> {
  const outcome = await ensureInput(
    obs,
    {
      sceneName: PRODUCT_IMAGE_SOURCE_NAME,
      name: cardSlotName(index),
      kind: 'image_source',
      settings: { file: cardSlotPath(options.slotDir, index), unload: false },
      fit: options.fit,
      // Which slot shows is the studio's to switch; setup only makes sure each has its one item.
      enabled: null,
      createEnabled: index === 0,
    },
    options.kinds,
  );
  return outcome !== 'unchanged';
}

/**
 * The single image source of earlier versions leaves the user's scene (the card scene replaces it). OBS 29
 * keeps a removed input's name while anything holds it, so the input itself is removed on a best-effort basis.
 */
async function removeLegacy(obs: ObsRequester, options: EnsureCardSceneOptions): Promise<boolean> {
  if (!options.kinds.has(LEGACY_PRODUCT_IMAGE_SOURCE_NAME)) return false;
  const items = ((await obs.call('GetSceneItemList', { sceneName: options.sceneName })).sceneItems as Data[]).filter(
    (item) => item.sourceName === LEGACY_PRODUCT_IMAGE_SOURCE_NAME,
  );
  for (const item of items)
    await obs.call('RemoveSceneItem', { sceneName: options.sceneName, sceneItemId: item.sceneItemId });
  await obs.call('RemoveInput', { inputName: LEGACY_PRODUCT_IMAGE_SOURCE_NAME }).catch(() => undefined);
  return items.length > 0;
}

/** Creates or repairs the card scene, its slots and its one item in the user's scene. */
export async function ensureCardScene(
  obs: ObsRequester,
  options: EnsureCardSceneOptions,
  report: ObsOverlaySetupReport,
): Promise<void> {
  if (options.sceneName === PRODUCT_IMAGE_SOURCE_NAME)
    throw new StudioError('invalid_scene', 'The card scene cannot hold itself: choose the scene viewers see', {
      path: 'scene',
    });
  let created = false;
  let changed = false;
  if (!options.scenes.includes(PRODUCT_IMAGE_SOURCE_NAME)) {
    await obs.call('CreateScene', { sceneName: PRODUCT_IMAGE_SOURCE_NAME });
    created = true;
  }
  for (let i = 0; i < CARD_SLOTS; i++) if (await ensureSlot(obs, i, options)) changed = true;
  // Exactly one slot shows.
  const slots = ((await obs.call('GetSceneItemList', { sceneName: PRODUCT_IMAGE_SOURCE_NAME })).sceneItems as Data[])
    .filter((item) => String(item.sourceName).startsWith(`${PRODUCT_IMAGE_SOURCE_NAME} `))
    .sort((a, b) => String(a.sourceName).localeCompare(String(b.sourceName)));
  const shown = slots.filter((item) => item.sceneItemEnabled);
  for (const item of shown.length === 0 ? slots.slice(0, 1) : shown.slice(1)) {
    await obs.call('SetSceneItemEnabled', {
      sceneName: PRODUCT_IMAGE_SOURCE_NAME,
      sceneItemId: item.sceneItemId,
      sceneItemEnabled: shown.length === 0,
    });
    changed = true;
  }
  if (await removeLegacy(obs, options)) changed = true;
  if (await ensureOneItem(obs, options.sceneName, PRODUCT_IMAGE_SOURCE_NAME, options.fit, true)) changed = true;
  (created ? report.created : changed ? report.repaired : report.unchanged).push(PRODUCT_IMAGE_SOURCE_NAME);
}
