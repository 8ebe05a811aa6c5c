/**
 * Scenes, studio mode, mic, thumbnails and the studio scene setup against real OBS (one instance).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObsController } from '../../electron/engine/obs/controller';
import { createObsHandlers } from '../../electron/engine/obs/handlers';
import { defaultOverlaySources } from '../../electron/engine/obs/scene-setup';
import { DEFAULT_OBS_SETTINGS } from '../../electron/engine/obs/settings';
import { type ObsHarness, startObs } from '../harness/obs';
import { waitFor } from '../harness/process';

let obs: ObsHarness;
let controller: ObsController;
let pngDir: string;

beforeAll(async () => {
  obs = await startObs();
  pngDir = mkdtempSync(join(tmpdir(), 'maishou-overlay-png-'));
  // Stand-ins for the overlay cards the overlay module renders.
  for (const name of ['product', 'chat', 'orders', 'goal']) {
    execFileSync('ffmpeg', [
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=c=red:s=64x36',
      '-frames:v',
      '1',
      join(pngDir, `${name}.png`),
    ]);
  }
  controller = new ObsController({
    settings: { ...DEFAULT_OBS_SETTINGS, port: obs.port, password: obs.password },
    overlaySources: () => defaultOverlaySources('http://127.0.0.1:17380', 'overlay-token', pngDir),
  });
  expect((await controller.connect()).ok).toBe(true);
});

afterAll(async () => {
  await controller?.stop();
  await obs?.stop();
  if (pngDir) rmSync(pngDir, { recursive: true, force: true });
});

describe('scenes', () => {
  it('lists scenes as OBS shows them, switches the program scene, follows changes made in OBS', async () => {
    const handlers = createObsHandlers(controller);
    await controller.connection.call('CreateScene', { sceneName: '开场' });
    await controller.connection.call('CreateScene', { sceneName: 'Products' });
    await waitFor(() => controller.state.scenes.includes('Products'), { what: 'scene list update' });
    // OBS puts new scenes at the bottom of its list.
    expect(controller.state.scenes.slice(0, 3)).toEqual(['Scene', '开场', 'Products']);

    expect(await handlers['obs.setScene']({ scene: '开场' })).toEqual({ programScene: '开场' });
    expect((await controller.connection.call('GetCurrentProgramScene')).currentProgramSceneName).toBe('开场');

    // Someone clicks a scene in OBS itself: the state follows.
    await controller.connection.call('SetCurrentProgramScene', { sceneName: 'Products' });
    await waitFor(() => controller.state.programScene === 'Products', { what: 'program scene event' });

    await expect(controller.setScene('No such scene')).rejects.toMatchObject({ code: 'request_failed', obsCode: 600 });

    await controller.connection.call('RemoveScene', { sceneName: '开场' });
    await waitFor(() => !controller.state.scenes.includes('开场'), { what: 'scene removal' });
  });

  it('studio mode: preview a scene, then transition it to program', async () => {
    await expect(controller.setPreviewScene('Scene')).rejects.toMatchObject({ code: 'studio_mode_off' });
    await controller.setStudioMode(true);
    await waitFor(() => controller.state.studioMode, { what: 'studio mode on' });
    await controller.setScene('Products');
    await waitFor(() => controller.state.programScene === 'Products', { what: 'program' });
    await controller.setPreviewScene('Scene');
    expect((await controller.connection.call('GetCurrentPreviewScene')).currentPreviewSceneName).toBe('Scene');
    // OBS confirms the change by event before the command answers, so the state is already right.
    expect(controller.state.previewScene).toBe('Scene');
    expect(await controller.transition()).toEqual({ programScene: 'Scene' });
    await waitFor(() => controller.state.programScene === 'Scene', { what: 'transition to program', timeoutMs: 5_000 });
    expect((await controller.connection.call('GetCurrentProgramScene')).currentProgramSceneName).toBe('Scene');
    await controller.setStudioMode(false);
    await waitFor(() => !controller.state.studioMode && controller.state.previewScene === null, {
      what: 'studio mode off',
    });
  });

  it('thumbnail: a JPEG of the program scene, and repeated asks within the limit reuse it', async () => {
    const first = await controller.thumbnail({ width: 160 });
    expect(first.scene).toBe(controller.state.programScene);
    expect(first.imageData.startsWith('data:image/jpeg;base64,')).toBe(true);
    const bytes = Buffer.from(first.imageData.split(',')[1], 'base64');
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
    const again = await controller.thumbnail({ width: 160 });
    expect(again.takenAt).toBe(first.takenAt);
  });

  it('mutes and unmutes the mic input, and follows mute changes made in OBS', async () => {
    await controller.connection.call('CreateInput', {
      sceneName: 'Scene',
      inputName: 'Mic (test)',
      inputKind: 'ffmpeg_source',
      inputSettings: {},
    });
    expect(await controller.setMicMuted(true, 'Mic (test)')).toEqual({ input: 'Mic (test)', muted: true });
    expect((await controller.connection.call('GetInputMute', { inputName: 'Mic (test)' })).inputMuted).toBe(true);
    await controller.connection.call('SetInputMute', { inputName: 'Mic (test)', inputMuted: false });
    await waitFor(() => controller.state.mic?.muted === false, { what: 'unmute event' });
    expect(controller.getSettings().micInput).toBe('Mic (test)');
  });

  it('virtual camera: this OBS has none, which is said plainly', async () => {
    expect(controller.state.virtualCam).toBeNull();
    await expect(controller.startVirtualCam()).rejects.toMatchObject({ code: 'unavailable' });
  });
});

describe('studio scene setup', () => {
  it('run twice leaves exactly one of each overlay source, and never touches the user’s own sources', async () => {
    await controller.connection.call('CreateScene', { sceneName: 'Live' });
    await controller.connection.call('CreateInput', {
      sceneName: 'Live',
      inputName: 'My camera',
      inputKind: 'color_source_v3',
      inputSettings: { color: 4278190335, width: 320, height: 240 },
    });
    const before = await controller.connection.call('GetInputSettings', { inputName: 'My camera' });
    const handlers = createObsHandlers(controller);

    const first = await handlers['obs.setupStudioScene']({ scene: 'Live' });
    expect(first.kind).toBe('image_source');
    expect(first.created).toEqual(['Maishou product', 'Maishou chat', 'Maishou orders', 'Maishou goal']);

    const second = await handlers['obs.setupStudioScene']({ scene: 'Live' });
    expect(second.created).toEqual([]);
    expect(second.repaired).toEqual([]);
    expect(second.unchanged).toHaveLength(4);

    const { sceneItems } = await controller.connection.call('GetSceneItemList', { sceneName: 'Live' });
    const names = sceneItems.map((i) => String(i.sourceName)).sort();
    expect(names).toEqual(['Maishou chat', 'Maishou goal', 'Maishou orders', 'Maishou product', 'My camera']);
    const after = await controller.connection.call('GetInputSettings', { inputName: 'My camera' });
    expect(after.inputSettings).toEqual(before.inputSettings);
    const product = await controller.connection.call('GetInputSettings', { inputName: 'Maishou product' });
    expect(product.inputSettings).toMatchObject({ file: join(pngDir, 'product.png') });
  });

  it('repairs what the user broke: a deleted item, a hidden item, changed settings', async () => {
    const items = (await controller.connection.call('GetSceneItemList', { sceneName: 'Live' })).sceneItems;
    const id = (name: string) => Number(items.find((i) => i.sourceName === name)?.sceneItemId);
    await controller.connection.call('RemoveSceneItem', { sceneName: 'Live', sceneItemId: id('Maishou chat') });
    await controller.connection.call('SetSceneItemEnabled', {
      sceneName: 'Live',
      sceneItemId: id('Maishou goal'),
      sceneItemEnabled: false,
    });
    await controller.connection.call('SetInputSettings', {
      inputName: 'Maishou orders',
      inputSettings: { file: '/tmp/elsewhere.png' },
    });

    const report = await controller.setupStudioScene('Live');
    // OBS deletes a source with its last scene item: the chat overlay is created again.
    expect(report.created).toEqual(['Maishou chat']);
    expect(report.repaired.sort()).toEqual(['Maishou goal', 'Maishou orders']);
    expect(report.unchanged).toEqual(['Maishou product']);
    const again = (await controller.connection.call('GetSceneItemList', { sceneName: 'Live' })).sceneItems;
    expect(
      again.filter((i) => String(i.sourceName).startsWith('Maishou')).every((i) => i.sceneItemEnabled === true),
    ).toBe(true);
    expect(again).toHaveLength(5);
  });

  it('creates the scene when it does not exist yet', async () => {
    const report = await controller.setupStudioScene('Studio (new)');
    expect(report.sceneCreated).toBe(true);
    // The inputs exist already (in "Live"): they are added to the new scene as items, not duplicated.
    expect(report.repaired).toHaveLength(4);
    const { inputs } = await controller.connection.call('GetInputList');
    expect(inputs.filter((i) => String(i.inputName) === 'Maishou product')).toHaveLength(1);
    await waitFor(() => controller.state.scenes.includes('Studio (new)'), { what: 'new scene in state' });
  });
});
