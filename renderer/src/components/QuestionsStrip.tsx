import { useMemo } from 'react';
import { suggestAnswer } from '../../../shared/radar/answers';
import { run } from '../engine/actions';
import { type MessageKey, useT } from '../i18n';
import { latestQuestions } from '../live/chat-filter';
import { useFeed } from '../store/feed';
import { selectCanOperate, selectProducts } from '../store/selectors';
import { useStudio } from '../store/studio';
import { AnswerHint } from './AnswerHint';

const SHOWN = 5;

/**
 * Questions above the chat: the engine's question radar groups them ("12 人问 3号 尺码") and an operator marks a group answered; without radar groups,
 * the latest questions from the chat
 * (phones only: on wide screens the chat's own 提问 filter shows them).
 */
export function QuestionsStrip() {
  const t = useT();
  const groups = useStudio((s) => s.state?.radar?.open ?? null);
  const products = useStudio(selectProducts);
  const canOperate = useStudio(selectCanOperate);
  const timeline = useFeed((s) => s.timeline);
  const hidden = useFeed((s) => s.hidden);
  const latest = useMemo(
    () => (groups && groups.length > 0 ? [] : latestQuestions(timeline, hidden, SHOWN)),
    [groups, timeline, hidden],
  );
  const language = useStudio((s) => s.language);
  const productOf = (productId: string | null) => products.find((p) => p.productId === productId) ?? null;
  return (
    <section
      className={`panel questions${groups && groups.length > 0 ? '' : ' only-narrow'}`}
      aria-labelledby="questions-title"
      data-testid="questions"
    >
      <h2 id="questions-title">{t('radar.title')}</h2>
      {groups && groups.length > 0 ? (
        <ul className="questions__list">
          {groups.slice(0, SHOWN).map((g) => {
            const product = productOf(g.productId);
            const link = product?.linkNo;
            return (
              <li key={g.id} className="questions__group">
                <div>
                  <strong>{t('radar.group', { askers: g.askers })}</strong>{' '}
                  {link !== undefined && <span className="chip">{t('chat.linkChip', { n: link })}</span>}{' '}
                  <span className="tag tag--question">{t(`intent.${g.intent}` as MessageKey)}</span>
                  <div className="muted">{g.context[0] ?? ''}</div>
                  <AnswerHint
                    answer={suggestAnswer(g.intent, product, language)}
                    product={product}
                    canEdit={canOperate}
                  />
                </div>
                {canOperate && (
                  <button
                    type="button"
                    className="mini questions__answer"
                    onClick={() => void run('radar.markAnswered', { groupId: g.id })}
                    aria-label={t('radar.answeredLabel', { text: g.context[0] ?? '' })}
                  >
                    {t('radar.answered')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      ) : latest.length === 0 ? (
        <p className="empty">{t('chat.noQuestions')}</p>
      ) : (
        <ul className="questions__list">
          {latest.map((q) =>
            q.type === 'chat' ? (
              <li key={q.key}>
                <strong>{q.chat.actor.name}</strong> {q.chat.text}
              </li>
            ) : null,
          )}
        </ul>
      )}
    </section>
  );
}
