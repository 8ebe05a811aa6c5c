/**
 * One studio input in one OBS scene, created or repaired: the input with its kind and settings, and
 * exactly one scene item of it (the user's placement of an existing item is kept). Shared by the
 * browser-source overlays and the PNG card's slots.
 */
import type { ObsRequester } from './obs-requester';

type Data = Record<string, unknown>;

/** Where a scene item goes: the top-left corner, scaled to fit the canvas. */
export interface FitTransform {
  positionX: number;
  positionY: number;
  alignment: number;
  boundsType: string;
  boundsAlignment: number;
  boundsWidth: number;
  boundsHeight: number;
}

export type SetupOutcome = 'created' | 'repaired' | 'unchanged';

/**
 * Exactly one scene item of `source` in `scene`: created (placed by `fit`) when missing, extras removed,
 * and enabled or disabled as `enabled` says (null: left as the user or the studio set it).
 * Whether it changed anything.
 */
export async function ensureOneItem(
  obs: ObsRequester,
  scene: string,
  source: string,
  fit: FitTransform,
  enabled: boolean | null,
): Promise<boolean> {
  const items = ((await obs.call('GetSceneItemList', { sceneName: scene })).sceneItems as Data[]).filter(
    (item) => item.sourceName === source,
  );
  if (items.length === 0) {
    const { sceneItemId } = await obs.call('CreateSceneItem', {
      sceneName: scene,
      sourceName: source,
      sceneItemEnabled: enabled ?? true,
    });
    await obs.call('SetSceneItemTransform', { sceneName: scene, sceneItemId, sceneItemTransform: fit });
    return true;
  }
  let changed = false;
  for (const extra of items.slice(1)) {
    await obs.call('RemoveSceneItem', { sceneName: scene, sceneItemId: extra.sceneItemId });
    changed = true;
  }
  if (enabled !== null && items[0].sceneItemEnabled !== enabled) {
    await obs.call('SetSceneItemEnabled', {
      sceneName: scene,
      sceneItemId: items[0].sceneItemId,
      sceneItemEnabled: enabled,
    });
    changed = true;
  }
  return changed;
}

export interface WantedInput {
  sceneName: string;
  name: string;
  kind: string;
  settings: Data;
  fit: FitTransform;
  /** Whether its item shows (null: left as it is; a new one then shows when `createEnabled`). */
  enabled: boolean | null;
  createEnabled?: boolean;
}

const sameSettings = (actual: Data, desired: Data): boolean =>
  Object.entries(desired).every(([k, v]) => actual[k] === v);

/**
 * Creates the input in its scene, or repairs it: a same-named input of another kind is ours to replace
 * (e.g. left from another OBS build), wrong settings are set again, and its one item is ensured.
 * `kinds` holds the inputs OBS has now (name -> unversioned kind).
 */
export async function ensureInput(
  obs: ObsRequester,
  want: WantedInput,
  kinds: ReadonlyMap<string, string>,
): Promise<SetupOutcome> {
  let kind = kinds.get(want.name);
  let repaired = false;
  if (kind !== undefined && kind !== want.kind) {
    await obs.call('RemoveInput', { inputName: want.name });
    kind = undefined;
    repaired = true;
  }
  if (kind === undefined) {
    const created = await obs.call('CreateInput', {
      sceneName: want.sceneName,
      inputName: want.name,
      inputKind: want.kind,
      inputSettings: want.settings,
      sceneItemEnabled: want.enabled ?? want.createEnabled ?? true,
    });
    await obs.call('SetSceneItemTransform', {
      sceneName: want.sceneName,
      sceneItemId: created.sceneItemId,
      sceneItemTransform: want.fit,
    });
    return repaired ? 'repaired' : 'created';
  }
  const current = await obs.call('GetInputSettings', { inputName: want.name });
  if (!sameSettings(current.inputSettings ?? {}, want.settings)) {
    await obs.call('SetInputSettings', { inputName: want.name, inputSettings: want.settings, overlay: true });
    repaired = true;
  }
  if (await ensureOneItem(obs, want.sceneName, want.name, want.fit, want.enabled)) repaired = true;
  return repaired ? 'repaired' : 'unchanged';
}
