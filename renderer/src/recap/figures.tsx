/** Headline figure cards: value, and the change against the previous session and the last-7 average. */
import type { Language } from '../../../shared/language';
import { compareFigure, figureNumber, HEADLINE_KEYS } from '../../../shared/recap/compare';
import { fmtChange, fmtFigure } from '../../../shared/recap/format';
import type { CompareBody, RecapBody } from '../../../shared/recap/types';
import type { RecapT } from './i18n';

function Change(props: { label: string; change: number | null }) {
  const cls = props.change === null ? 'flat' : props.change > 0 ? 'up' : props.change < 0 ? 'down' : 'flat';
  return (
    <span className={`change ${cls}`}>
      {props.label} {fmtChange(props.change)}
    </span>
  );
}

export function HeadlineFigures(props: { recap: RecapBody; compare: CompareBody | null; t: RecapT; lang: Language }) {
  const { recap, compare, t, lang } = props;
  return (
    <section aria-labelledby="recap-headline">
      <h2 id="recap-headline">{t('recap.headline')}</h2>
      {compare && compare.previous.sessions === 0 && <p className="muted">{t('recap.noCompare')}</p>}
      <dl className="recap-figures" data-testid="recap-figures" data-compared={compare !== null}>
        {HEADLINE_KEYS.map((key) => {
          const num = figureNumber(recap.figures, key);
          return (
            <div className="recap-figure" key={key} data-figure={key}>
              <dt>{t(`figure.${key}`)}</dt>
              <dd className="value" data-value={num ?? ''}>
                {fmtFigure(key, recap.figures[key], lang)}
              </dd>
              {compare && compare.previous.sessions > 0 && (
                <dd className="changes">
                  <Change
                    label={t('recap.vsPrevious')}
                    change={compareFigure(num, compare.previous.figures[key]).change}
                  />
                  <Change label={t('recap.vsAverage')} change={compareFigure(num, compare.last7.figures[key]).change} />
                </dd>
              )}
            </div>
          );
        })}
      </dl>
    </section>
  );
}
