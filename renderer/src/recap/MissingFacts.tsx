import { FACT_LABELS } from '../../../shared/catalogue/facts';
import type { QuestionsBody } from '../../../shared/recap/types';
import type { RecapT } from './i18n';

/** The facts to add before the next show: questions the catalogue could not answer, per product, ranked. */
export function MissingFacts(props: {
  questions: QuestionsBody | null;
  t: RecapT;
  lang: 'zh-CN' | 'en';
  name: (id: string | null) => string;
  stockLabel: string;
}) {
  const { questions, t, lang } = props;
  if (!questions) return null;
  const rows = questions.missingFacts;
  return (
    <section aria-labelledby="recap-missing-facts" data-testid="missing-facts">
      <h2 id="recap-missing-facts">{t('missing.title')}</h2>
      <p className="muted">{t('missing.explain')}</p>
      {rows.length === 0 ? (
        <p className="muted">{t('missing.none')}</p>
      ) : (
        <table className="recap-table">
          <thead>
            <tr>
              <th scope="col">{t('missing.product')}</th>
              <th scope="col">{t('missing.fact')}</th>
              <th scope="col" className="num">
                {t('missing.questions')}
              </th>
              <th scope="col">{t('missing.example')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.productId}:${r.fact}`}>
                <td>{props.name(r.productId)}</td>
                <td>{r.fact === 'stock' ? props.stockLabel : FACT_LABELS[r.fact][lang === 'en' ? 'en' : 'zh']}</td>
                <td className="num">
                  {r.questions} ({r.askers})
                </td>
                <td className="muted">{r.example}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
