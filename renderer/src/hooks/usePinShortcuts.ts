import { useEffect } from 'react';
import { pinActions } from '../engine/actions';
import { pinShortcut } from '../live/run-of-show';
import { selectCanOperate } from '../store/selectors';
import { useStudio } from '../store/studio';

/** In-window pin shortcuts (Alt+→/← next/previous, Alt+0 unpin; ] [ \ outside text fields). */
export function usePinShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || !selectCanOperate(useStudio.getState())) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      const action = pinShortcut({
        key: e.key,
        altKey: e.altKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        shiftKey: e.shiftKey,
        targetTag: target?.tagName,
        targetEditable: target?.isContentEditable,
      });
      if (!action) return;
      e.preventDefault();
      void pinActions[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
