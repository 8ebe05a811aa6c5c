import type { Product } from '../../../shared/contract/products';
import { useT } from '../i18n';
import type { Language } from '../i18n/language';
import type { TimelineEntry } from '../live/feed-buffer';
import { money, timeOfDay } from '../live/format';

export interface ChatRowProps {
  entry: TimelineEntry;
  productFor(productId: string | null, linkNo: number | null): Product | undefined;
  language: Language;
  canOperate: boolean;
  onHighlight(id: string): void;
  onHide(id: string, name: string): void;
  /** The short name of the source a comment came by (直播间, 桥接 1, SSN·youtube). */
  sourceTag(source: string, platform: string): string;
}

/** One line of chat, gift or order. Everything from the network is rendered as text, never as HTML. */
export function ChatRow({ entry, productFor, language, canOperate, onHighlight, onHide, sourceTag }: ChatRowProps) {
  const t = useT();
  if (entry.type === 'order') {
    const o = entry.order;
    const what = o.items.map((i) => `${i.title} ×${i.qty}`).join('、');
    return (
      <div className={`chat-row chat-row--order chat-row--${o.kind}`} data-kind="order">
        <span className="chat-row__time">{timeOfDay(o.at)}</span>
        <span className="chat-row__name">{o.buyerName}</span>
        <span className="chat-row__text">
          {t(`order.${o.kind}`)} {what} <strong>{money(o.amount, language)}</strong>
        </span>
      </div>
    );
  }
  const c = entry.chat;
  const product = c.linkNo !== null || c.productId !== null ? productFor(c.productId, c.linkNo) : undefined;
  return (
    <div
      className={`chat-row chat-row--${c.kind}${c.question ? ' chat-row--question' : ''}`}
      data-kind={c.kind}
      data-question={c.question ? 'true' : undefined}
    >
      <span className="chat-row__time">{timeOfDay(c.at)}</span>
      <span className="chat-row__name">{c.actor.name}</span>
      {/* beside the text, not in it: the comment's own text stays one element */}
      <span
        className="tag tag--source"
        data-testid="chat-source"
        title={t('chat.sourceLabel', { source: sourceTag(c.source, c.platform), platform: c.platform })}
      >
        {sourceTag(c.source, c.platform)}
      </span>{' '}
      <span className="chat-row__text">
        {c.question && <span className="tag tag--question">{t('chat.questionTag')}</span>}
        {c.kind === 'gift' && c.gift
          ? t('chat.gift', { name: c.gift.name, count: c.gift.count })
          : c.kind === 'like'
            ? t('chat.like')
            : c.text}
        {c.linkNo !== null && (
          <span className="chip" data-testid="link-chip" title={product?.title ?? ''}>
            {t('chat.linkChip', { n: c.linkNo })}
            {product ? ` · ${product.title}` : ''}
          </span>
        )}
      </span>
      {canOperate && c.kind === 'chat' && (
        <span className="chat-row__actions">
          <button
            type="button"
            className="mini"
            onClick={() => onHighlight(c.id)}
            aria-label={t('chat.highlightLabel', { name: c.actor.name })}
          >
            {t('chat.highlight')}
          </button>
          <button
            type="button"
            className="mini"
            onClick={() => onHide(c.actor.id, c.actor.name)}
            aria-label={t('chat.hideLabel', { name: c.actor.name })}
          >
            {t('chat.hide')}
          </button>
        </span>
      )}
    </div>
  );
}
