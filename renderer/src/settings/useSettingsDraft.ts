import { useEffect, useState } from 'react';
import type { StudioSettings } from '../../../shared/contract';
import { run } from '../engine/actions';
import { useT } from '../i18n';
import { selectIsHost } from '../store/selectors';
import { useStudio } from '../store/studio';
import { useToasts } from '../store/toasts';

/** The studio settings as an editable draft: `save` sends the whole settings and says "saved". */
export function useSettingsDraft() {
  const t = useT();
  const isHost = useStudio(selectIsHost);
  const saved = useStudio((s) => s.state?.settings ?? null);
  const show = useToasts((s) => s.show);
  const [draft, setDraft] = useState<StudioSettings | null>(saved);
  useEffect(() => setDraft(saved), [saved]);
  const save = async (next: StudioSettings) => {
    setDraft(next);
    if (await run('settings.set', next)) show(t('common.saved'));
  };
  return { t, isHost, draft, setDraft, save };
}
