/**
 * Step 2: the overlays. Choose the scene (the program scene by default) and which overlays; each has a
 * live preview (the real overlay page, scaled down) with its position and size, and the theme and brand
 * colour apply to all. One button puts them in OBS (browser sources, or the PNG card as an image source
 * where OBS has none); running it again repairs. Copy buttons give the URLs for setting up by hand.
 */
import { useEffect, useState } from 'react';
import {
  type ObsOverlaySetupReport,
  OVERLAY_NAMES,
  type OverlayName,
  type OverlaySettingsPatch,
  type OverlayUrls,
} from '../../../shared/contract/overlay';
import { run } from '../engine/actions';
import { useStudio } from '../store/studio';
import { useToasts } from '../store/toasts';
import { type SetupT, useSetupT } from './i18n';
import { useSetup } from './setup-store';

function PlacementFields(props: { name: OverlayName; t: SetupT; onChange: (patch: OverlaySettingsPatch) => void }) {
  const { name, t } = props;
  const place = useStudio((s) => s.state?.overlay?.settings.placement[name]);
  if (!place) return null;
  const field = (key: 'x' | 'y' | 'scale', label: string, min: number, max: number, step: number) => (
    <label>
      {label}{' '}
      <input
        type="number"
        min={min}
        max={max}
        step={step}
        value={place[key]}
        onChange={(e) => {
          const value = Number(e.target.value);
          if (Number.isFinite(value) && value >= min && value <= max)
            props.onChange({ placement: { [name]: { [key]: key === 'scale' ? value : Math.round(value) } } });
        }}
      />
    </label>
  );
  return (
    <div className="field-row setup-placement">
      {field('x', t('overlays.x'), -1920, 1920, 8)}
      {field('y', t('overlays.y'), -1080, 1080, 8)}
      {field('scale', t('overlays.scale'), 0.5, 2, 0.1)}
    </div>
  );
}

export function OverlaysStep() {
  const t = useSetupT();
  const obs = useStudio((s) => s.state?.obs ?? null);
  const settings = useStudio((s) => s.state?.overlay?.settings ?? null);
  const show = useToasts((s) => s.show);
  const setPlaced = useSetup((s) => s.setOverlaysPlaced);
  const [urls, setUrls] = useState<OverlayUrls | null>(null);
  const [scene, setScene] = useState<string>('');
  const [chosen, setChosen] = useState<OverlayName[]>([...OVERLAY_NAMES]);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ObsOverlaySetupReport | null>(null);
  const connected = obs?.status === 'identified';

  useEffect(() => {
    void run('overlay.urls', {}).then((u) => u && setUrls(u));
  }, []);
  useEffect(() => {
    if (!scene && obs?.programScene) setScene(obs.programScene);
  }, [scene, obs?.programScene]);

  const patch = (p: OverlaySettingsPatch) => void run('overlay.settings.set', p);
  const put = async () => {
    setBusy(true);
    const result = await run('overlay.setupObs', { ...(scene ? { sceneName: scene } : {}), overlays: chosen });
    setBusy(false);
    if (result) {
      setReport(result);
      setPlaced(true);
    }
  };
  const name = (n: OverlayName) => t(`overlays.name.${n}`);
  const preview = (n: OverlayName) => (urls ? `${urls[n]}&preview=1&examples=1` : undefined);

  return (
    <div className="setup-step" data-testid="setup-overlays">
      {!connected && <p className="status-pill status-pill--warn">{t('overlays.needObs')}</p>}
      <div className="field-row">
        <label>
          {t('overlays.scene')}{' '}
          <select value={scene} onChange={(e) => setScene(e.target.value)} data-testid="setup-scene">
            {(obs?.scenes ?? []).map((s) => (
              <option key={s} value={s}>
                {s === obs?.programScene ? t('overlays.program', { scene: s }) : s}
              </option>
            ))}
          </select>
        </label>
        {settings && (
          <>
            <label>
              {t('overlays.theme')}{' '}
              <select
                value={settings.theme}
                onChange={(e) => patch({ theme: e.target.value as 'light' | 'dark' })}
                data-testid="setup-theme"
              >
                <option value="light">{t('overlays.theme.light')}</option>
                <option value="dark">{t('overlays.theme.dark')}</option>
              </select>
            </label>
            <label>
              {t('overlays.brand')}{' '}
              <input type="color" value={settings.brandColor} onChange={(e) => patch({ brandColor: e.target.value })} />
            </label>
          </>
        )}
      </div>
      <fieldset className="setup-overlays">
        <legend>{t('overlays.which')}</legend>
        <p className="muted">{t('overlays.preview')}</p>
        <div className="setup-previews">
          {OVERLAY_NAMES.map((n) => (
            <figure key={n} className="setup-preview" data-testid={`setup-preview-${n}`}>
              <figcaption>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={chosen.includes(n)}
                    onChange={(e) =>
                      setChosen((c) =>
                        e.target.checked
                          ? OVERLAY_NAMES.filter((x) => x === n || c.includes(x))
                          : c.filter((x) => x !== n),
                      )
                    }
                  />
                  {name(n)}
                </label>
                <button
                  type="button"
                  disabled={!urls}
                  onClick={() => {
                    if (!urls) return;
                    void navigator.clipboard
                      ?.writeText(urls[n])
                      .then(() => show(t('overlays.copied', { name: name(n) })));
                  }}
                >
                  {t('overlays.copy', { name: name(n) })}
                </button>
              </figcaption>
              {chosen.includes(n) && urls && (
                <iframe src={preview(n)} title={name(n)} width={320} height={180} loading="lazy" tabIndex={-1} />
              )}
              {chosen.includes(n) && <PlacementFields name={n} t={t} onChange={patch} />}
            </figure>
          ))}
        </div>
        <p className="muted">{t('overlays.manual')}</p>
      </fieldset>
      <button
        type="button"
        className="primary"
        disabled={!connected || busy || chosen.length === 0}
        onClick={() => void put()}
        data-testid="setup-put-overlays"
      >
        {busy ? t('overlays.putting') : t('overlays.put')}
      </button>
      {report && (
        <div role="status" data-testid="setup-overlays-report">
          <p className="status-pill status-pill--ok">
            {t('overlays.report', {
              scene: report.sceneName,
              created: report.created.length,
              repaired: report.repaired.length,
              unchanged: report.unchanged.length,
            })}
          </p>
          {report.kind === 'image_source' && <p className="note">{t('overlays.imageSource')}</p>}
        </div>
      )}
    </div>
  );
}
