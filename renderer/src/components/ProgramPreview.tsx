import { useEffect, useState } from 'react';
import { engine } from '../engine/connection';
import { useT } from '../i18n';
import { selectCanOperate } from '../store/selectors';
import { useStudio } from '../store/studio';

const EVERY_MS = 2000;

/** A small thumbnail of OBS's program scene, refreshed every 2 s while OBS is connected and the page visible. */
export function ProgramPreview() {
  const t = useT();
  const identified = useStudio((s) => s.state?.obs?.status === 'identified');
  const canOperate = useStudio(selectCanOperate);
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    if (!identified || !canOperate) {
      setImage(null);
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const take = async () => {
      if (document.visibilityState === 'visible') {
        try {
          const shot = await engine().call('obs.thumbnail', { width: 320 });
          if (!stopped && shot.imageData.startsWith('data:image/')) setImage(shot.imageData);
        } catch {
          // The OBS status in the bar says why; keep the last picture.
        }
      }
      if (!stopped) timer = setTimeout(take, EVERY_MS);
    };
    void take();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [identified, canOperate]);
  return (
    <figure className="panel preview" data-testid="program-preview">
      {image ? (
        <img src={image} alt={t('obs.preview')} width={320} height={180} />
      ) : (
        <div className="preview__empty">{t('obs.previewUnavailable')}</div>
      )}
      <figcaption className="muted">{t('obs.preview')}</figcaption>
    </figure>
  );
}
