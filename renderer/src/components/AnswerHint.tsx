import { useState } from 'react';
import { FACT_LABELS } from '../../../shared/catalogue/facts';
import type { Product } from '../../../shared/contract';
import type { SuggestedAnswer } from '../../../shared/radar/answers';
import { useT } from '../i18n';
import { FactsDialog } from '../products/FactsDialog';
import { useStudio } from '../store/studio';

/**
 * Under a question group: the answer the catalogue supports, marked as such, or "no fact yet" with a
 * one-click way (for those who may edit products) to add the missing fact.
 */
export function AnswerHint(props: {
  answer: SuggestedAnswer;
  product: Product | null;
  canEdit: boolean;
  large?: boolean;
}) {
  const t = useT();
  const language = useStudio((s) => s.language);
  const [adding, setAdding] = useState(false);
  const { answer, product } = props;
  if (answer.kind === 'none' || product === null) return null;
  if (answer.kind === 'catalogue') {
    return (
      <p className={`answer${props.large ? ' answer--large' : ''}`} data-testid="answer">
        <span className="badge badge--source">{t('answer.fromCatalogue')}</span> {answer.text}
      </p>
    );
  }
  const fact =
    answer.fact === 'stock' ? t('products.stock') : FACT_LABELS[answer.fact][language === 'en' ? 'en' : 'zh'];
  return (
    <p className="answer answer--missing" data-testid="answer-missing">
      {t('answer.noFact', { fact })}{' '}
      {props.canEdit && (
        <button
          type="button"
          className="mini"
          onClick={() => setAdding(true)}
          aria-label={t('answer.addFactLabel', { fact, title: product.title })}
        >
          {t('answer.addFact')}
        </button>
      )}
      {adding && <FactsDialog product={product} focus={answer.fact} onClose={() => setAdding(false)} />}
    </p>
  );
}
