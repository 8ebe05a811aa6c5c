/**
 * Which picture each slot of the card scene (../obs-card-scene.ts) holds, and the switch on a pin.
 *
 * OBS decodes an image source's file in its video thread, on the tick after the file changes: a
 * 1920x1080 card costs tens of ms there, so a pin that only rewrites the shown file lands a few frames
 * late. Cards rendered ahead (the pinned product's run-of-show neighbours) are therefore loaded into
 * hidden slots while nothing happens, and a pin of one of them switches which slot is enabled: nothing
 * to decode, the card changes on the next frame. A card no slot holds (cold, or a running countdown,
 * whose picture changes every second) is written into the shown slot, as before.
 *
 * A hidden slot counts as loaded once OBS has rendered two frames after its file was set (the deferred
 * update runs in the tick before a frame): switching to it earlier could show its previous card.
 */
import { replaceFile } from '../../durable-file';
import type { Logger } from '../../log';
import { CARD_SLOTS, cardSlotName, cardSlotPath, PRODUCT_IMAGE_SOURCE_NAME } from '../obs-card-scene';
import type { ObsRequester } from '../obs-requester';

export interface ObsBatchRequester extends ObsRequester {
  callBatch(requests: { requestType: string; requestData?: Record<string, unknown> }[]): Promise<unknown>;
}

/** The cards rendered ahead: their content keys, most likely next first, and each one's picture. */
export interface CardsAhead {
  aheadKeys(): string[];
  pngFor(key: string): Buffer | undefined;
}

export interface ObsCardSlotsOptions {
  obs: () => ObsRequester | null;
  /** Folder of the slot files. */
  dir: string;
  logger: Logger;
}

interface Slot {
  index: number;
  name: string;
  path: string;
  /** Content key of the card the slot holds (null: empty or unknown). */
  key: string | null;
  /** OBS's rendered-frame count from which the slot's picture is surely loaded (0: loaded). */
  readyAtFrame: number;
  usedAt: number;
}

/** A hidden slot to load `key` into: one holding nothing wanted, least recently used first; null when all hold wanted cards. */
export function slotToLoad(
  slots: readonly { index: number; key: string | null; usedAt: number }[],
  shown: number,
  wanted: ReadonlySet<string>,
): number | null {
  const free = slots
    .filter((s) => s.index !== shown && (s.key === null || !wanted.has(s.key)))
    .sort((a, b) => a.usedAt - b.usedAt);
  return free[0]?.index ?? null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Loads ahead are at least this far apart (see `fill`). */
const PRELOAD_GAP_MS = 400;
/** How long a switch waits for a slot still loading before it shows it anyway. */
const READY_WAIT_MS = 500;

export class ObsCardSlots {
  private readonly slots: Slot[];
  private shown = 0;
  /** Scene item id per slot in the card scene (null: the slot is missing there); null until looked up (again after a failure). */
  private items: (number | null)[] | null = null;
  /** Set when OBS has no card scene: nothing to do until setup runs (`reset`). */
  private absent = false;
  private queue: Promise<unknown> = Promise.resolve();
  private ahead: CardsAhead | null = null;
  private clock = 0;
  private lastFill = 0;
  private fillTimer: NodeJS.Timeout | null = null;
  private filling: Promise<unknown> | null = null;
  private closed = false;
  /** Pins shown by switching to a slot loaded ahead (tests and benchmarks). */
  switches = 0;

  constructor(private readonly options: ObsCardSlotsOptions) {
    this.slots = Array.from({ length: CARD_SLOTS }, (_, index) => ({
      index,
      name: cardSlotName(index),
      path: cardSlotPath(options.dir, index),
      key: null,
      readyAtFrame: 0,
      usedAt: 0,
    }));
  }

  /** After setup or repair, or a new OBS: look the slots up again and trust none of their pictures. */
  reset(): void {
    this.enqueue(async () => {
      this.items = null;
      this.absent = false;
      for (const slot of this.slots) slot.key = null;
    });
  }

  /**
   * Shows `png`, the picture of the card with content key `key` (null: a card that changes by itself).
   * In the order asked; resolves true once OBS was told, false when there is no card scene to show it in.
   */
  present(key: string | null, png: Buffer): Promise<boolean> {
    return this.enqueue(async () => {
      const obs = await this.ready();
      if (!obs || !this.items) return false;
      const shown = this.slots[this.shown];
      if (key !== null && shown.key === key) return true;
      const loaded = key === null ? undefined : this.slots.find((s) => s.key === key);
      if (loaded) {
        await this.waitLoaded(obs, loaded);
        await this.switchTo(obs, loaded);
        this.switches++;
        return true;
      }
      // A card that changes by itself is reloaded in place (OBS swaps the picture within one tick); a new
      // card goes into a hidden slot and is switched to once loaded, so the card it replaces stays loaded
      // for a pin back to it.
      const index = key === null ? null : slotToLoad(this.usable(), this.shown, new Set(this.ahead?.aheadKeys()));
      if (key === null || index === null) {
        await this.load(obs, shown, key, png);
        shown.readyAtFrame = 0;
        return true;
      }
      const slot = this.slots[index];
      await this.loadAhead(obs, slot, key, png);
      await this.waitLoaded(obs, slot);
      await this.switchTo(obs, slot);
      return true;
    });
  }

  /** Where the cards rendered ahead come from (the PNG card's writer). */
  follow(ahead: CardsAhead): void {
    this.ahead = ahead;
    this.fill();
  }

  /**
   * The cards ahead changed, or one was rendered: load one into a free hidden slot. At most one look per
   * PRELOAD_GAP_MS, one load each: a load costs OBS a decode in its video thread, and a busy show changes
   * the neighbours' cards (what sold) several times a second; the keys are worked out here, not on every
   * change of the show.
   */
  fill(): void {
    if (this.fillTimer || this.closed) return;
    const wait = Math.max(0, this.lastFill + PRELOAD_GAP_MS - Date.now());
    this.fillTimer = setTimeout(() => {
      this.fillTimer = null;
      this.lastFill = Date.now();
      this.filling = this.enqueue(() => this.loadOneAhead());
    }, wait);
    this.fillTimer.unref();
  }

  private async loadOneAhead(): Promise<void> {
    const obs = await this.ready();
    const ahead = this.ahead;
    if (!obs || !this.items || !ahead) return;
    const keys = ahead.aheadKeys();
    const key = keys.find((k) => !this.slots.some((s) => s.key === k) && ahead.pngFor(k));
    const index = key ? slotToLoad(this.usable(), this.shown, new Set(keys)) : null;
    if (!key || index === null) return;
    await this.loadAhead(obs, this.slots[index], key, ahead.pngFor(key) as Buffer);
    this.fill(); // the next one, after the gap
  }

  /** Resolves when everything asked is done and every slot loaded ahead is loaded (tests, benchmarks). */
  async settled(): Promise<void> {
    while (this.fillTimer || this.filling) {
      const filling = this.filling;
      await (filling ?? new Promise((resolve) => setTimeout(resolve, 20)));
      if (filling && filling === this.filling) this.filling = null;
    }
    await this.enqueue(async () => {
      const obs = this.options.obs();
      if (!obs || !this.items) return;
      for (const slot of this.slots) if (slot.key !== null) await this.waitLoaded(obs, slot);
    });
  }

  /** Stops loading ahead (the hub is closing); what was asked before still completes. */
  close(): Promise<unknown> {
    this.closed = true;
    if (this.fillTimer) clearTimeout(this.fillTimer);
    this.fillTimer = null;
    return this.queue;
  }

  /** Runs `task` after the ones before it; a failure leaves the slots to be looked up again. */
  private enqueue<T>(task: () => Promise<T>): Promise<T | false> {
    const run = this.queue.then(task).catch((error: unknown) => {
      this.items = null;
      for (const slot of this.slots) slot.key = null;
      this.options.logger.debug({ err: error }, 'PNG card slots: OBS refused a request; looking them up again');
      return false as const;
    });
    this.queue = run;
    return run;
  }

  /** The connection, with the slots' scene items looked up; null without OBS or without a card scene. */
  private async ready(): Promise<ObsRequester | null> {
    const obs = this.options.obs();
    if (!obs || this.absent) return null;
    if (this.items) return obs;
    let list: Record<string, unknown>[];
    try {
      list = (await obs.call('GetSceneItemList', { sceneName: PRODUCT_IMAGE_SOURCE_NAME })).sceneItems;
    } catch (error) {
      if ((error as { code?: number }).code === 600) this.absent = true; // ResourceNotFound: not set up
      throw error;
    }
    const items = this.slots.map((slot) => {
      const item = list.find((i) => i.sourceName === slot.name);
      return item ? Number(item.sceneItemId) : null;
    });
    if (items.every((id) => id === null)) {
      this.absent = true; // every slot was removed by hand: setup repairs them
      return null;
    }
    // The enabled slot shows; a slot removed by hand is left out until setup repairs it.
    const enabled = list.find((i) => i.sceneItemEnabled && items.includes(Number(i.sceneItemId)));
    const shown = enabled ? items.indexOf(Number(enabled.sceneItemId)) : items.findIndex((id) => id !== null);
    this.items = items;
    this.shown = shown;
    return obs;
  }

  /** The slots that have their scene item in the card scene. */
  private usable(): Slot[] {
    return this.slots.filter((s) => this.items?.[s.index] != null);
  }

  /** Writes the picture into the slot's file (atomically) and tells OBS to load it. */
  private async load(obs: ObsRequester, slot: Slot, key: string | null, png: Buffer): Promise<void> {
    await replaceFile(slot.path, png);
    // Setting the same file makes OBS reload it now (it only polls the file's time once a second).
    await obs.call('SetInputSettings', { inputName: slot.name, inputSettings: { file: slot.path }, overlay: true });
    slot.key = key;
    slot.usedAt = ++this.clock;
  }

  /** Loads a hidden slot and notes from which rendered frame its picture is surely loaded. */
  private async loadAhead(obs: ObsRequester, slot: Slot, key: string, png: Buffer): Promise<void> {
    await this.load(obs, slot, key, png);
    const stats = await obs.call('GetStats');
    slot.readyAtFrame = Number(stats.renderTotalFrames) + 2;
  }

  private async waitLoaded(obs: ObsRequester, slot: Slot): Promise<void> {
    const until = Date.now() + READY_WAIT_MS;
    while (slot.readyAtFrame > 0 && Date.now() < until) {
      const stats = await obs.call('GetStats');
      if (Number(stats.renderTotalFrames) >= slot.readyAtFrame) slot.readyAtFrame = 0;
      else await sleep(10);
    }
  }

  /** Enables `to`, then disables the shown slot, in one request batch: no frame without a card. */
  private async switchTo(obs: ObsRequester, to: Slot): Promise<void> {
    const items = this.items ?? [];
    const enable = (slot: number, sceneItemEnabled: boolean) => ({
      requestType: 'SetSceneItemEnabled',
      requestData: { sceneName: PRODUCT_IMAGE_SOURCE_NAME, sceneItemId: items[slot], sceneItemEnabled },
    });
    const batch = [enable(to.index, true), enable(this.shown, false)];
    const batcher = obs as Partial<ObsBatchRequester>;
    if (batcher.callBatch) {
      const replies = (await batcher.callBatch(batch)) as { requestStatus?: { result?: boolean; code?: number } }[];
      const failed = replies.find((r) => r.requestStatus?.result === false);
      if (failed) throw Object.assign(new Error('OBS refused the card switch'), { code: failed.requestStatus?.code });
    } else for (const request of batch) await obs.call(request.requestType, request.requestData);
    this.shown = to.index;
    to.usedAt = ++this.clock;
  }
}
