import { FACT_LABELS } from '../../../shared/catalogue/facts';
import { AnswerHint } from '../components/AnswerHint';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { run } from '../engine/actions';
import { useNow } from '../hooks/useNow';
import { type MessageKey, useT } from '../i18n';
import { money } from '../live/format';
import { selectState } from '../store/selectors';
import { useStudio } from '../store/studio';
import { clock, prompterModel } from './prompter-model';

/**
 * The prompter (提词器): the host's second screen or phone, read from about 2 m away. The pinned product's
 * facts in large type, the 讲解 timer and sales, the 秒杀 countdown, the next product, and the top open
 * questions with the catalogue's answers; a question can be marked answered from here.
 */
export function PrompterView() {
  const t = useT();
  const language = useStudio((s) => s.language);
  const state = useStudio(selectState);
  const role = useStudio((s) => s.seat?.role);
  const connected = useStudio((s) => s.connection.status === 'connected');
  const m = prompterModel(state, language);
  const now = useNow(m.pinned !== null || m.countdownEndsAt !== null);
  const zh = language !== 'en';
  const canMark = connected && role !== 'viewer';
  const left = m.countdownEndsAt !== null ? m.countdownEndsAt - now : null;
  return (
    <div className="prompter" data-testid="prompter">
      <header className="prompter__bar">
        <h1>{t('prompter.title')}</h1>
        <ConnectionBanner />
      </header>
      <section className="prompter__pinned" aria-labelledby="prompter-pinned">
        {m.pinned ? (
          <>
            <h2 id="prompter-pinned" className="prompter__product">
              <span className="chip chip--large">{t('chat.linkChip', { n: m.pinned.product.linkNo })}</span>{' '}
              {m.pinned.product.title}
            </h2>
            <p className="prompter__meta">
              <span>{money(m.pinned.product.price, language)}</span>
              <span title={t('prompter.pinnedForLabel')}>
                {t('prompter.pinnedFor', { time: clock(now - m.pinned.since) })}
              </span>
              {m.pinned.sales && (
                <span>
                  {t('prompter.sales', { gmv: money(m.pinned.sales.gmv, language), units: m.pinned.sales.units })}
                </span>
              )}
              {left !== null && left > 0 && (
                <span className="prompter__countdown" role="timer">
                  {t('prompter.countdown', { time: clock(left) })}
                </span>
              )}
            </p>
            {m.pinned.facts.length > 0 ? (
              <dl className="prompter__facts">
                {m.pinned.facts.map((f) => (
                  <div key={f.key}>
                    <dt>{FACT_LABELS[f.key][zh ? 'zh' : 'en']}</dt>
                    <dd>{f.text}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="muted">{t('prompter.noFacts')}</p>
            )}
          </>
        ) : (
          <h2 id="prompter-pinned" className="prompter__product muted">
            {t('prompter.nothingPinned')}
          </h2>
        )}
      </section>
      <section className="prompter__questions" aria-labelledby="prompter-questions">
        <h2 id="prompter-questions">{t('prompter.questions')}</h2>
        {m.questions.length === 0 ? (
          <p className="muted">{t('prompter.noQuestions')}</p>
        ) : (
          <ol>
            {m.questions.map(({ group, product, answer }) => (
              <li key={group.id} className="prompter__question" data-testid="prompter-question">
                <div className="prompter__ask">
                  <strong>{t('radar.group', { askers: group.askers })}</strong>{' '}
                  {product && <span className="chip">{t('chat.linkChip', { n: product.linkNo })}</span>}{' '}
                  <span className="tag tag--question">{t(`intent.${group.intent}` as MessageKey)}</span>
                  <span className="prompter__context">{group.context[0] ?? ''}</span>
                </div>
                <AnswerHint answer={answer} product={product} canEdit={false} large />
                {canMark && (
                  <button
                    type="button"
                    className="prompter__done"
                    onClick={() => void run('radar.markAnswered', { groupId: group.id })}
                    aria-label={t('radar.answeredLabel', { text: group.context[0] ?? '' })}
                  >
                    {t('radar.answered')}
                  </button>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      {m.next && (
        <footer className="prompter__next">
          {t('prompter.next')}: <span className="chip">{t('chat.linkChip', { n: m.next.linkNo })}</span> {m.next.title}
        </footer>
      )}
    </div>
  );
}
