/**
 * The browser-source branch of the OBS setup, which Debian's OBS cannot run (it has no browser_source):
 * against FakeObs, an in-memory stand-in for the obs-websocket requests the setup uses. The image-source
 * branch runs against real OBS in tests/integration/overlay-obs.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ensureOverlaySources, type ObsRequester, OVERLAY_SOURCE_NAMES } from './obs-sources';

interface FakeInput {
  kind: string;
  settings: Record<string, unknown>;
}

/** FAKE OBS: scenes, inputs and scene items in memory; requests the setup does not use throw. */
class FakeObs implements ObsRequester {
  inputs = new Map<string, FakeInput>();
  scenes = new Map<string, { id: number; source: string; enabled: boolean }[]>([['Scene', []]]);
  log: string[] = [];
  private nextId = 1;
  constructor(readonly kinds: string[]) {}

  async call(type: string, d: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    this.log.push(type);
    const scene = () => {
      const s = this.scenes.get(String(d.sceneName));
      if (!s) throw Object.assign(new Error('no scene'), { code: 600 });
      return s;
    };
    switch (type) {
      case 'GetInputKindList':
        return { inputKinds: this.kinds };
      case 'GetSceneList':
        return { scenes: [...this.scenes.keys()].map((sceneName) => ({ sceneName })) };
      case 'CreateScene':
        this.scenes.set(String(d.sceneName), []);
        return {};
      case 'GetInputList':
        return {
          inputs: [...this.inputs].map(([inputName, i]) => ({
            inputName,
            inputKind: i.kind,
            unversionedInputKind: i.kind,
          })),
        };
      case 'GetVideoSettings':
        return { baseWidth: 1280, baseHeight: 720 };
      case 'CreateInput': {
        if (this.inputs.has(String(d.inputName))) throw Object.assign(new Error('exists'), { code: 601 });
        this.inputs.set(String(d.inputName), {
          kind: String(d.inputKind),
          settings: { ...(d.inputSettings as object) },
        });
        const id = this.nextId++;
        scene().push({ id, source: String(d.inputName), enabled: true });
        return { sceneItemId: id };
      }
      case 'RemoveInput':
        this.inputs.delete(String(d.inputName));
        for (const items of this.scenes.values()) {
          for (let i = items.length - 1; i >= 0; i--) if (items[i].source === d.inputName) items.splice(i, 1);
        }
        return {};
      case 'GetInputSettings':
        return { inputSettings: this.inputs.get(String(d.inputName))?.settings ?? {} };
      case 'SetInputSettings': {
        const input = this.inputs.get(String(d.inputName));
        if (!input) throw Object.assign(new Error('no input'), { code: 600 });
        input.settings = { ...input.settings, ...(d.inputSettings as object) };
        return {};
      }
      case 'GetSceneItemList':
        return {
          sceneItems: scene().map((i) => ({ sceneItemId: i.id, sourceName: i.source, sceneItemEnabled: i.enabled })),
        };
      case 'CreateSceneItem': {
        const id = this.nextId++;
        scene().push({ id, source: String(d.sourceName), enabled: true });
        return { sceneItemId: id };
      }
      case 'RemoveSceneItem': {
        const items = scene();
        items.splice(
          items.findIndex((i) => i.id === d.sceneItemId),
          1,
        );
        return {};
      }
      case 'SetSceneItemEnabled': {
        const item = scene().find((i) => i.id === d.sceneItemId);
        if (item) item.enabled = Boolean(d.sceneItemEnabled);
        return {};
      }
      case 'SetSceneItemTransform':
        return {};
      default:
        throw new Error(`FakeObs does not know ${type}`);
    }
  }
}

const urls = {
  product: 'http://127.0.0.1:17380/overlay/product?token=t',
  chat: 'http://127.0.0.1:17380/overlay/chat?token=t',
  orders: 'http://127.0.0.1:17380/overlay/orders?token=t',
  goal: 'http://127.0.0.1:17380/overlay/goal?token=t',
};

describe('OBS setup with browser sources (FakeObs)', () => {
  it('creates the four browser sources with URL, size, refresh-when-active and shutdown-when-hidden', async () => {
    const obs = new FakeObs(['browser_source', 'image_source', 'color_source_v3']);
    obs.inputs.set('摄像头', { kind: 'color_source_v3', settings: { color: 1 } });
    obs.scenes.get('Scene')?.push({ id: 99, source: '摄像头', enabled: true });
    const report = await ensureOverlaySources(obs, { sceneName: '直播间', urls, slotDir: '/tmp/overlay' });
    expect(report).toMatchObject({ sceneCreated: true, kind: 'browser_source', repaired: [], unchanged: [] });
    expect(report.created).toEqual(Object.values(OVERLAY_SOURCE_NAMES));
    const product = obs.inputs.get(OVERLAY_SOURCE_NAMES.product);
    expect(product).toEqual({
      kind: 'browser_source',
      settings: {
        url: urls.product,
        width: 1920,
        height: 1080,
        restart_when_active: true,
        shutdown: true,
        reroute_audio: false,
        css: '',
      },
    });
    // Run twice: exactly one of each, nothing changed, the user's source untouched.
    const again = await ensureOverlaySources(obs, { sceneName: '直播间', urls, slotDir: '/tmp/overlay' });
    expect(again.created).toEqual([]);
    expect(again.unchanged).toEqual(Object.values(OVERLAY_SOURCE_NAMES));
    expect(obs.scenes.get('直播间')).toHaveLength(4);
    expect(obs.inputs.get('摄像头')).toEqual({ kind: 'color_source_v3', settings: { color: 1 } });
  });

  it('repairs a wrong URL, a duplicate and a hidden item, and replaces a same-named source of the wrong kind', async () => {
    const obs = new FakeObs(['browser_source', 'image_source']);
    await ensureOverlaySources(obs, { sceneName: 'Scene', urls, slotDir: '/tmp/overlay' });
    const items = obs.scenes.get('Scene') ?? [];
    obs.inputs.get(OVERLAY_SOURCE_NAMES.chat)!.settings.url = 'http://old/overlay/chat?token=old';
    items.push({ id: 50, source: OVERLAY_SOURCE_NAMES.orders, enabled: true });
    items.find((i) => i.source === OVERLAY_SOURCE_NAMES.goal)!.enabled = false;
    obs.inputs.set(OVERLAY_SOURCE_NAMES.product, { kind: 'image_source', settings: {} });
    const report = await ensureOverlaySources(obs, { sceneName: 'Scene', urls, slotDir: '/tmp/overlay' });
    expect(report.repaired.sort()).toEqual(Object.values(OVERLAY_SOURCE_NAMES).sort());
    expect(obs.inputs.get(OVERLAY_SOURCE_NAMES.chat)?.settings.url).toBe(urls.chat);
    expect(obs.inputs.get(OVERLAY_SOURCE_NAMES.product)?.kind).toBe('browser_source');
    const names = (obs.scenes.get('Scene') ?? []).map((i) => i.source).sort();
    expect(names).toEqual(Object.values(OVERLAY_SOURCE_NAMES).sort());
    expect((obs.scenes.get('Scene') ?? []).every((i) => i.enabled)).toBe(true);
  });
});
