/**
 * The PNG card path in real OBS (Debian's OBS 29: no browser source). The studio's setup creates the
 * card scene with its slots and puts it in the chosen scene (twice: still one of each, the user's own
 * sources untouched; an earlier version's single image source replaced), and pinning product A then B
 * changes OBS's program output where the card is; a card loaded ahead is shown by switching slots.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { OBSWebSocket } from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_SLOTS, cardSlotName, PRODUCT_IMAGE_SOURCE_NAME } from '../../electron/engine/overlay';
import { LEGACY_PRODUCT_IMAGE_SOURCE_NAME } from '../../electron/engine/overlay/obs-card-scene';
import { decodeBmp, distinctColours, meanDifference, type Pixels, type Region } from '../harness/bmp';
import { type ObsHarness, startObs } from '../harness/obs';
import { ensureOverlayBuild } from '../harness/overlay-build';
import { cardB, sampleCard } from '../harness/overlay-data';
import { type OverlayServer, startOverlayServer } from '../harness/overlay-server';
import { waitFor } from '../harness/process';

const SCENE = '直播间';
const CANVAS: [number, number] = [960, 540];
/** The product card's area in the canvas: placement (64, 640), 640x272 layout units, halved. */
const CARD: Region = { x: 32, y: 320, width: 320, height: 136 };

let obsHarness: ObsHarness;
let ws: OBSWebSocket;
let server: OverlayServer;

async function program(): Promise<Pixels> {
  const shot = await ws.call('GetSourceScreenshot', {
    sourceName: SCENE,
    imageFormat: 'bmp',
    imageWidth: CANVAS[0],
    imageHeight: CANVAS[1],
  });
  return decodeBmp(Buffer.from(shot.imageData.replace(/^data:[^,]+,/, ''), 'base64'));
}

beforeAll(async () => {
  obsHarness = await startObs({ baseSize: CANVAS, outputSize: CANVAS });
  ws = new OBSWebSocket();
  await ws.connect(obsHarness.url, obsHarness.password);
  server = await startOverlayServer({ rendererDir: await ensureOverlayBuild(), png: true, obs: () => ws });
});

afterAll(async () => {
  await ws?.disconnect().catch(() => undefined);
  await server?.dispose();
  await obsHarness?.stop();
});

describe('overlays in real OBS without a browser source', () => {
  it('setup creates the card scene once, repairs it, and leaves the user’s sources alone', async () => {
    const kinds = (await ws.call('GetInputKindList', { unversioned: true })).inputKinds;
    expect(kinds).not.toContain('browser_source');
    await ws.call('CreateScene', { sceneName: SCENE });
    await ws.call('CreateInput', {
      sceneName: SCENE,
      inputName: '摄像头',
      inputKind: 'color_source_v3',
      inputSettings: { color: 0xff404040, width: CANVAS[0], height: CANVAS[1] },
    });
    const userBefore = await ws.call('GetInputSettings', { inputName: '摄像头' });

    // An earlier version's single image source is in the scene: ours to replace.
    await ws.call('CreateInput', {
      sceneName: SCENE,
      inputName: LEGACY_PRODUCT_IMAGE_SOURCE_NAME,
      inputKind: 'image_source',
      inputSettings: { file: server.hub.pngPath },
    });

    const first = await server.hub.setupObs(SCENE);
    expect(first).toMatchObject({ sceneName: SCENE, sceneCreated: false, kind: 'image_source' });
    expect(first.created).toEqual([PRODUCT_IMAGE_SOURCE_NAME]);
    const shownInScene = async () =>
      (await ws.call('GetSceneItemList', { sceneName: SCENE })).sceneItems.map((i) => i.sourceName);
    expect(await shownInScene()).not.toContain(LEGACY_PRODUCT_IMAGE_SOURCE_NAME);
    const slots = async () =>
      (await ws.call('GetSceneItemList', { sceneName: PRODUCT_IMAGE_SOURCE_NAME })).sceneItems as {
        sceneItemId: number;
        sourceName: string;
        sceneItemEnabled: boolean;
      }[];
    expect((await slots()).map((i) => i.sourceName).sort()).toEqual(
      Array.from({ length: CARD_SLOTS }, (_, i) => cardSlotName(i)).sort(),
    );
    expect((await slots()).filter((i) => i.sceneItemEnabled)).toHaveLength(1);
    const second = await server.hub.setupObs(SCENE);
    expect(second.created).toEqual([]);
    expect(second.unchanged).toEqual([PRODUCT_IMAGE_SOURCE_NAME]);

    // Someone hides the card, points a slot elsewhere, deletes another from the card scene and shows a
    // third: setup repairs all.
    const items = (await ws.call('GetSceneItemList', { sceneName: SCENE })).sceneItems;
    const ours = items.filter((i) => i.sourceName === PRODUCT_IMAGE_SOURCE_NAME);
    expect(ours).toHaveLength(1);
    await ws.call('SetSceneItemEnabled', {
      sceneName: SCENE,
      sceneItemId: Number(ours[0].sceneItemId),
      sceneItemEnabled: false,
    });
    await ws.call('SetInputSettings', { inputName: cardSlotName(1), inputSettings: { file: '/tmp/x.png' } });
    const third0 = (await slots()).find((i) => i.sourceName === cardSlotName(2));
    await ws.call('RemoveSceneItem', {
      sceneName: PRODUCT_IMAGE_SOURCE_NAME,
      sceneItemId: Number(third0?.sceneItemId),
    });
    const hidden = (await slots()).find((i) => !i.sceneItemEnabled);
    expect(hidden).toBeDefined();
    await ws.call('SetSceneItemEnabled', {
      sceneName: PRODUCT_IMAGE_SOURCE_NAME,
      sceneItemId: Number(hidden?.sceneItemId),
      sceneItemEnabled: true,
    });
    const third = await server.hub.setupObs(SCENE);
    expect(third.repaired).toEqual([PRODUCT_IMAGE_SOURCE_NAME]);
    const settings = (await ws.call('GetInputSettings', { inputName: cardSlotName(1) })).inputSettings;
    expect(settings.file).toMatch(/card-slot-2\.png$/);
    expect((await slots()).map((i) => i.sourceName)).toContain(cardSlotName(2));
    expect((await slots()).filter((i) => i.sceneItemEnabled)).toHaveLength(1);

    const after = (await ws.call('GetSceneItemList', { sceneName: SCENE })).sceneItems;
    expect(after.filter((i) => i.sourceName === PRODUCT_IMAGE_SOURCE_NAME)).toHaveLength(1);
    expect(after.filter((i) => i.sourceName === '摄像头')).toHaveLength(1);
    expect(after.every((i) => i.sceneItemEnabled)).toBe(true);
    expect((await ws.call('GetInputSettings', { inputName: '摄像头' })).inputSettings).toEqual(
      userBefore.inputSettings,
    );
  });

  it('pinning product A then B changes the card region of the program output', async () => {
    await ws.call('SetCurrentProgramScene', { sceneName: SCENE });
    server.hub.setProductCard(null);
    await server.hub.pngSettled();
    const empty = await waitFor(
      async () => {
        const p = await program();
        return distinctColours(p, CARD) <= 2 ? p : null;
      },
      { what: 'an empty card region', timeoutMs: 10_000 },
    );

    server.hub.setProductCard(sampleCard());
    await server.hub.pngSettled();
    const a = await waitFor(
      async () => {
        const p = await program();
        return meanDifference(p, empty, CARD) > 20 && distinctColours(p, CARD) > 20 ? p : null;
      },
      { what: 'card A on the program output', timeoutMs: 10_000 },
    );

    server.hub.setProductCard(cardB({ countdownEndsAt: null }));
    await server.hub.pngSettled();
    const b = await waitFor(
      async () => {
        const p = await program();
        // Not blank, and not A: a screenshot taken while OBS reloads the file can catch it empty.
        return meanDifference(p, a, CARD) > 3 && distinctColours(p, CARD) > 20 ? p : null;
      },
      { what: 'card B on the program output', timeoutMs: 10_000 },
    );
    expect(meanDifference(b, empty, CARD)).toBeGreaterThan(20);
    const png = await ws.call('GetSourceScreenshot', { sourceName: SCENE, imageFormat: 'png' });
    mkdirSync('test-results/screenshots', { recursive: true });
    writeFileSync(
      'test-results/screenshots/overlay-obs-program-b.png',
      Buffer.from(png.imageData.replace(/^data:[^,]+,/, ''), 'base64'),
    );
    // Outside the card nothing moved (the user's grey camera stand-in).
    expect(meanDifference(a, b, { x: 500, y: 40, width: 400, height: 200 })).toBeLessThan(1);
  });
  it('a pin of a card rendered ahead switches to the slot it was loaded into; one not rendered yet is rendered on the pin', async () => {
    await ws.call('SetCurrentProgramScene', { sceneName: SCENE });
    const hub = server.hub;
    // The neighbours in the run-of-show, rendered ahead in the background.
    const ahead = cardB({ productId: 'XHS-AH-001', title: '提前渲染的商品卡 桑蚕丝发圈', countdownEndsAt: null });
    hub.prerenderCards([ahead]);
    await hub.pngAheadSettled();
    const writes = hub.pngWrites;
    const hits = hub.pngHits;
    const switches = hub.obsSlotSwitches;
    let before = await program();
    hub.setProductCard({ ...ahead, pinVersion: ahead.pinVersion + 100, pinnedAt: Date.now() });
    await hub.pngSettled();
    // Written from the card rendered ahead: no render after the pin.
    expect(hub.pngHits).toBeGreaterThan(hits);
    expect(hub.pngWrites - hub.pngHits).toBe(writes - hits);
    // Shown by enabling the hidden slot it was loaded into: OBS decoded nothing on the pin.
    expect(hub.obsSlotSwitches).toBe(switches + 1);
    before = await waitFor(
      async () => {
        const p = await program();
        return meanDifference(p, before, CARD) > 3 && distinctColours(p, CARD) > 20 ? p : null;
      },
      { what: 'the card rendered ahead on the program output', timeoutMs: 5_000 },
    );

    // Never rendered before (a product far away in the run-of-show): rendered on the pin and put on air.
    // How long that takes is measured in bench/overlay.bench.ts (a timed assertion here would flake).
    const cold = sampleCard({ productId: 'XHS-CO-009', title: '没有提前渲染的商品 羊绒围巾 燕麦色', linkNo: 9 });
    hub.setProductCard(cold);
    await waitFor(
      async () => {
        const p = await program();
        return meanDifference(p, before, CARD) > 3 && distinctColours(p, CARD) > 20 ? p : null;
      },
      { what: 'a card not rendered ahead on the program output', intervalMs: 20 },
    );
    expect(hub.pngWrites - hub.pngHits).toBeGreaterThan(writes - hits);

    // Back to the card loaded ahead: its slot still holds it, so this pin is a switch too.
    hub.setProductCard({ ...ahead, pinVersion: ahead.pinVersion + 200, pinnedAt: Date.now() });
    await hub.pngSettled();
    expect(hub.obsSlotSwitches).toBe(switches + 2);
    expect(
      (await ws.call('GetSceneItemList', { sceneName: PRODUCT_IMAGE_SOURCE_NAME })).sceneItems.filter(
        (i) => i.sceneItemEnabled,
      ),
    ).toHaveLength(1);
  });
});
