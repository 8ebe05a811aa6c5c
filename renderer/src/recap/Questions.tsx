/** The recap's question tables: most asked, per product, time to answer and demand against pins. */
import { fmtDuration, fmtPercent } from '../../../shared/recap/format';
import type { QuestionsBody } from '../../../shared/recap/types';
import type { RecapT } from './i18n';

export function Questions(props: { questions: QuestionsBody | null; t: RecapT; name: (id: string | null) => string }) {
  const { questions, t } = props;
  return (
    <section aria-labelledby="recap-questions" data-testid="questions" data-loaded={questions !== null}>
      <h2 id="recap-questions">{t('report.questionsTitle')}</h2>
      {!questions ? (
        <p role="status" className="muted">
          {t('recap.questionsLoading')}
        </p>
      ) : (
        <>
          <p className="muted">
            {t('recap.comments', { comments: questions.comments, questions: questions.questions })}
          </p>
          <div className="recap-two">
            <table className="recap-table">
              <caption>{t('report.topQuestions')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('report.intent')}</th>
                  <th scope="col" className="num">
                    {t('report.asks')}
                  </th>
                  <th scope="col" className="num">
                    {t('report.askers')}
                  </th>
                  <th scope="col">{t('report.examples')}</th>
                </tr>
              </thead>
              <tbody>
                {questions.top.map((q) => (
                  <tr key={q.intent}>
                    <td>{t(`intent.${q.intent}`)}</td>
                    <td className="num">{q.asks}</td>
                    <td className="num">{q.askers}</td>
                    <td className="examples">{q.examples.join(' / ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="recap-table" data-testid="questions-by-product">
              <caption>{t('recap.byProduct')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('report.product')}</th>
                  <th scope="col" className="num">
                    {t('report.questions')}
                  </th>
                  <th scope="col" className="num">
                    {t('report.whilePinned')}
                  </th>
                  <th scope="col">{t('report.topQuestions')}</th>
                </tr>
              </thead>
              <tbody>
                {questions.perProduct.slice(0, 15).map((p) => (
                  <tr key={p.productId ?? '-'}>
                    <td>{props.name(p.productId)}</td>
                    <td className="num">{p.questions}</td>
                    <td className="num">
                      {p.productId === null
                        ? '—'
                        : fmtPercent(p.questions === 0 ? null : p.whilePinned / p.questions, 0)}
                    </td>
                    <td>
                      {p.topQuestions
                        .slice(0, 3)
                        .map((q) => `${t(`intent.${q.intent}`)} ${q.asks}`)
                        .join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <AnswersAndDemand questions={questions} t={t} name={props.name} />
        </>
      )}
    </section>
  );
}

/** Time to answer (radar groups) and what viewers asked for against what was shown. */
function AnswersAndDemand(props: { questions: QuestionsBody; t: RecapT; name: (id: string | null) => string }) {
  const { questions, t } = props;
  const a = questions.answerTimes;
  const demand = [...questions.demandVsPins].sort((x, y) => y.demandTotal - x.demandTotal).slice(0, 10);
  return (
    <>
      <p data-testid="answer-times">
        {t('recap.answerTimes', {
          groups: a.groups,
          byHost: a.answeredByHost,
          byPin: a.answeredByPin,
          unanswered: a.unanswered,
          median: a.medianMs === null ? '—' : fmtDuration(a.medianMs),
          p90: a.p90Ms === null ? '—' : fmtDuration(a.p90Ms),
        })}
      </p>
      {demand.length > 0 && (
        <table className="recap-table" data-testid="demand-vs-pins">
          <caption>{t('recap.demandVsPins')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.product')}</th>
              <th scope="col" className="num">
                {t('recap.demandSignals')}
              </th>
              <th scope="col" className="num">
                {t('recap.demandShare')}
              </th>
              <th scope="col" className="num">
                {t('recap.pinShare')}
              </th>
              <th scope="col" className="num" title={t('recap.demandGapHint')}>
                {t('recap.demandGap')}
              </th>
            </tr>
          </thead>
          <tbody>
            {demand.map((d) => (
              <tr key={d.productId}>
                <td>{props.name(d.productId)}</td>
                <td className="num">{d.demandTotal}</td>
                <td className="num">{fmtPercent(d.demandShare, 0)}</td>
                <td className="num">{fmtPercent(d.pinShare, 0)}</td>
                <td className="num">{`${d.gap > 0 ? '+' : ''}${Math.round(d.gap * 100)}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
