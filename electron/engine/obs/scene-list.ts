/**
 * Re-reading the scene list and studio mode after a scene event, serialized with a trailing run: OBS
 * may answer overlapping requests out of order, so only one read is in flight and the last one starts
 * after the last change event.
 */
import type { ObsState } from '../../../shared/contract/obs';
import type { ObsConnection } from './connection';
import { sceneNames } from './state';

export class SceneListReader {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly connection: ObsConnection,
    private readonly patch: (mutate: (state: ObsState) => void) => void,
  ) {}

  /** Resolves when a read started after this call has finished; never rejects. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.read().catch(() => undefined);
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async read(): Promise<void> {
    const [list, studio] = await Promise.all([
      this.connection.call('GetSceneList'),
      this.connection.call('GetStudioModeEnabled'),
    ]);
    // The program scene is left to CurrentProgramSceneChanged: OBS switches scenes on its UI thread, so
    // a GetSceneList answered right after SetCurrentProgramScene can still name the old one.
    this.patch((st) => {
      st.scenes = sceneNames(list.scenes as { sceneIndex: number; sceneName: string }[]);
      if (st.programScene === null || !st.scenes.includes(st.programScene))
        st.programScene = list.currentProgramSceneName;
      st.studioMode = studio.studioModeEnabled;
      st.previewScene = studio.studioModeEnabled ? list.currentPreviewSceneName : null;
    });
  }
}
