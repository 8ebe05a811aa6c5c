import { useMemo } from 'react';
import { useT } from '../i18n';
import { latestQuestions } from '../live/chat-filter';
import { useFeed } from '../store/feed';

/** Phone layout: the latest questions first, above the chat (hidden on wide screens by CSS). */
export function QuestionsStrip() {
  const t = useT();
  const timeline = useFeed((s) => s.timeline);
  const hidden = useFeed((s) => s.hidden);
  const questions = useMemo(() => latestQuestions(timeline, hidden, 5), [timeline, hidden]);
  return (
    <section className="panel questions only-narrow" aria-labelledby="questions-title" data-testid="questions">
      <h2 id="questions-title">{t('chat.questionsFirst')}</h2>
      {questions.length === 0 ? (
        <p className="empty">{t('chat.noQuestions')}</p>
      ) : (
        <ul className="questions__list">
          {questions.map((q) =>
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
