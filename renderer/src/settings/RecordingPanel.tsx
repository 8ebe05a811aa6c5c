import type { StudioSettings } from '../../../shared/contract';
import { FieldRow } from '../components/FieldRow';
import { useSettingsDraft } from './useSettingsDraft';

/** Host only: record when going live, which ffmpeg cuts clips, and where clip folders go. */
export function RecordingPanel() {
  const { t, isHost, draft, setDraft, save: saveAll } = useSettingsDraft();
  if (!isHost || !draft) return null;
  const rec = draft.recording;
  const save = (recording: StudioSettings['recording']) => saveAll({ ...draft, recording });
  return (
    <section aria-labelledby="recording-title" className="settings-section" data-testid="recording-panel">
      <h2 id="recording-title">{t('recording.title')}</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={rec.whenLive}
          onChange={(e) => void save({ ...rec, whenLive: e.target.checked })}
        />
        {t('recording.whenLive')}
      </label>
      <FieldRow id="ffmpeg-choice" label={t('recording.ffmpeg')}>
        <select
          id="ffmpeg-choice"
          value={rec.ffmpeg}
          onChange={(e) => void save({ ...rec, ffmpeg: e.target.value as 'bundled' | 'system' })}
        >
          <option value="bundled">{t('recording.ffmpegBundled')}</option>
          <option value="system">{t('recording.ffmpegSystem')}</option>
        </select>
      </FieldRow>
      <FieldRow id="clips-folder" label={t('recording.clipsFolder')}>
        <input
          id="clips-folder"
          type="text"
          placeholder={t('recording.clipsFolderDefault')}
          value={rec.clipsFolder ?? ''}
          onChange={(e) => setDraft({ ...draft, recording: { ...rec, clipsFolder: e.target.value || null } })}
          onBlur={() => void save({ ...rec, clipsFolder: rec.clipsFolder?.trim() || null })}
        />
      </FieldRow>
    </section>
  );
}
