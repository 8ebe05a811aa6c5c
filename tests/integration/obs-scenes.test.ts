import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObsController } from '../../electron/engine/obs/controller';
import { createObsHandlers } from '../../electron/engine/obs/handlers';
import { DEFAULT_OBS_SETTINGS } from '../../electron/engine/obs/settings';
import { type ObsHarness, startObs } from '../harness/obs';
import { waitFor } from '../harness/process';

let obs: ObsHarness;
let controller: ObsController;

beforeAll(async () => {
  obs = await startObs();
  controller = new ObsController({
    settings: { ...DEFAULT_OBS_SETTINGS, port: obs.port, password: obs.password },
  });
  expect((await controller.connect()).ok).toBe(true);
});

afterAll(async () => {
  await controller?.stop();
  await obs?.stop();
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
