import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Product } from '../../../shared/contract/products';
import { run } from '../engine/actions';
import { type MessageKey, useT } from '../i18n';
import { applyFilter, CHAT_FILTERS, countNewSince } from '../live/chat-filter';
import { entryText, rowHeight, rowLines } from '../live/chat-layout';
import type { TimelineEntry } from '../live/feed-buffer';
import { chatSourceTag } from '../live/source-label';
import { useFeed } from '../store/feed';
import { selectCanOperate, selectProducts } from '../store/selectors';
import { useStudio } from '../store/studio';
import { useToasts } from '../store/toasts';
import { ChatRow } from './ChatRow';

const NEAR_BOTTOM_PX = 32;
/** Font size of chat rows in px (0.9rem of 15px) and the room kept for the scrollbar and padding. */
const CHAT_FONT_PX = 13.5;
const ROW_INSET_PX = 24;

/**
 * Live chat, newest at the bottom. Only the visible rows are rendered (@tanstack/react-virtual). While
 * the user reads older messages the list holds still (a frozen copy) and a button counts what is new;
 * scrolling back down or pressing it resumes following.
 */
export function ChatPanel() {
  const t = useT();
  const language = useStudio((s) => s.language);
  const canOperate = useStudio(selectCanOperate);
  const products = useStudio(selectProducts);
  const timeline = useFeed((s) => s.timeline);
  const filter = useFeed((s) => s.filter);
  const hidden = useFeed((s) => s.hidden);
  const hiddenNames = useFeed((s) => s.hiddenNames);
  const setFilter = useFeed((s) => s.setFilter);
  const hideUser = useFeed((s) => s.hideUser);
  const unhideUser = useFeed((s) => s.unhideUser);
  const showToast = useToasts((s) => s.show);
  const sources = useStudio((s) => s.state?.sources);
  // Bridges only: the list with nothing yet says what it waits for (a filter's empty list does not).
  const localOnly = useStudio((s) => s.state?.gateway.status === 'local');
  const sourceTag = useCallback(
    (source: string, platform: string) =>
      chatSourceTag(source, platform, sources ?? [], { gateway: t('sources.gateway'), demo: t('gateway.demoRoom') }),
    [sources, t],
  );

  const filtered = useMemo(() => applyFilter(timeline, filter, hidden), [timeline, filter, hidden]);
  const [frozen, setFrozen] = useState<readonly TimelineEntry[] | null>(null);
  const entries = frozen ?? filtered;
  const newCount = useMemo(() => (frozen ? countNewSince(frozen, filtered) : 0), [frozen, filtered]);

  const byId = useMemo(() => new Map(products.map((p) => [p.productId, p])), [products]);
  const byLink = useMemo(() => new Map(products.map((p) => [p.linkNo, p])), [products]);
  const productFor = useCallback(
    (productId: string | null, linkNo: number | null): Product | undefined =>
      (productId ? byId.get(productId) : undefined) ?? (linkNo !== null ? byLink.get(linkNo) : undefined),
    [byId, byLink],
  );

  const scrollRef = useRef<HTMLDivElement>(null);
  const [widthEms, setWidthEms] = useState(30);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) =>
      setWidthEms(Math.max(8, Math.floor((entry.contentRect.width - ROW_INSET_PX) / CHAT_FONT_PX))),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  // Row lines per entry at this width, computed once per entry (never measured from the DOM).
  const lines = useMemo(() => {
    void widthEms;
    return new WeakMap<TimelineEntry, number>();
  }, [widthEms]);
  const linesOf = (entry: TimelineEntry): number => {
    let n = lines.get(entry);
    if (n === undefined) {
      n = rowLines(
        entryText(entry, (linkNo, productId) => productFor(productId, linkNo)?.title ?? ''),
        widthEms,
      );
      lines.set(entry, n);
    }
    return n;
  };
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => rowHeight(linesOf(entries[i])),
    overscan: 4,
    getItemKey: (i) => entries[i].key,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure when the width (and so every row's lines) changes
  useLayoutEffect(() => virtualizer.measure(), [lines]);

  // Follow the newest message unless the user is reading older ones (a write only: no layout read).
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!frozen && el && entries.length > 0) el.scrollTop = virtualizer.getTotalSize();
  }, [entries, frozen, virtualizer]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= NEAR_BOTTOM_PX;
    if (nearBottom && frozen) setFrozen(null);
    else if (!nearBottom && !frozen) setFrozen(filtered);
  };
  const resume = () => setFrozen(null);

  return (
    <section className="panel chat" aria-labelledby="chat-title" data-testid="chat">
      <header className="panel__header">
        <h2 id="chat-title">{t('chat.title')}</h2>
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('chat.filterLabel')}</legend>
          {CHAT_FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              aria-pressed={filter === f}
              onClick={() => {
                setFrozen(null);
                setFilter(f);
              }}
            >
              {t(`chat.filter.${f}` as MessageKey)}
            </button>
          ))}
        </fieldset>
      </header>
      <div
        className="chat__scroll"
        ref={scrollRef}
        onScroll={onScroll}
        data-testid="chat-scroll"
        role="log"
        aria-live="off"
        aria-label={t('chat.listLabel')}
      >
        {entries.length === 0 && (
          <p className="empty" data-testid="chat-empty">
            {t(localOnly && timeline.length === 0 ? 'chat.emptyLocal' : 'chat.empty')}
          </p>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              className="chat__item"
              style={{
                transform: `translateY(${item.start}px)`,
                height: item.size,
                ['--lines' as string]: linesOf(entries[item.index]),
              }}
            >
              <ChatRow
                entry={entries[item.index]}
                productFor={productFor}
                language={language}
                canOperate={canOperate}
                onHighlight={(id) =>
                  void run('chat.highlight', { id }).then((r) => r && showToast(t('chat.highlighted')))
                }
                onHide={hideUser}
                sourceTag={sourceTag}
              />
            </div>
          ))}
        </div>
      </div>
      {frozen && (
        <button type="button" className="new-messages primary" onClick={resume} data-testid="new-messages">
          {newCount > 0 ? t('chat.newCount', { n: newCount }) : t('chat.backToLatest')}
        </button>
      )}
      {Object.keys(hiddenNames).length > 0 && (
        <details className="hidden-users">
          <summary>{t('chat.hiddenUsers', { n: Object.keys(hiddenNames).length })}</summary>
          <ul>
            {Object.entries(hiddenNames).map(([id, name]) => (
              <li key={id}>
                <span>{name}</span>{' '}
                <button type="button" className="mini" onClick={() => unhideUser(id)}>
                  {t('chat.unhide')}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
