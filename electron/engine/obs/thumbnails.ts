/** Scene thumbnails (JPEG) from OBS, at most one request per scene and width every `minIntervalMs`. */
import type { ObsThumbnail } from '../../../shared/contract/obs';
import type { ObsConnection } from './connection';

const MAX_KEPT = 32;

export class ThumbnailCache {
  private readonly taken = new Map<string, { at: number; promise: Promise<ObsThumbnail> }>();

  constructor(
    private readonly connection: ObsConnection,
    private readonly minIntervalMs: number,
    private readonly now: () => number,
  ) {}

  /** A JPEG of `scene` `width` pixels wide; faster asks get the last image (or the one in flight). */
  take(scene: string, width: number): Promise<ObsThumbnail> {
    const key = `${scene}\u0000${width}`;
    const last = this.taken.get(key);
    if (last && this.now() - last.at < this.minIntervalMs) return last.promise;
    const promise = this.connection
      .call('GetSourceScreenshot', {
        sourceName: scene,
        imageFormat: 'jpeg',
        imageWidth: width,
        imageCompressionQuality: 70,
      })
      .then(({ imageData }) => ({ scene, imageData, width, takenAt: this.now() }));
    this.taken.set(key, { at: this.now(), promise });
    promise.catch(() => this.taken.delete(key));
    if (this.taken.size > MAX_KEPT) this.taken.delete(this.taken.keys().next().value as string);
    return promise;
  }

  clear(): void {
    this.taken.clear();
  }
}
