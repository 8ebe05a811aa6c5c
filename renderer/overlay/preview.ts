/**
 * Examples for previews (`?examples=1`, the studio's setup): an overlay with nothing to show yet would
 * preview as an empty square, so empty slices are filled with an example in the page's language. OBS
 * never gets these pages with `examples=1`.
 */
import type { OverlayState } from '../../shared/contract/overlay';

const yuan = (amount: number) => ({ amount, currency: 'CNY' });

export function withPreviewExamples(state: OverlayState): OverlayState {
  const zh = state.settings.language === 'zh-CN';
  const now = Date.now();
  return {
    ...state,
    product: state.product ?? {
      productId: 'preview',
      title: zh ? '示例商品：真丝缎面衬衫 香槟色' : 'Example: silk satin shirt, champagne',
      image: null,
      linkNo: 3,
      price: yuan(69_900),
      originalPrice: yuan(89_900),
      discount: { zheTenths: 78, saving: yuan(20_000) },
      stock: 120,
      sold: 37,
      stockLimit: null,
      countdownEndsAt: null,
      pinVersion: 0,
      pinnedAt: now,
    },
    highlights:
      state.highlights.items.length > 0 || state.chat.length > 0
        ? state.highlights
        : {
            items: [
              {
                id: 'preview',
                name: zh ? '小*' : 'A*',
                text: zh ? '3号链接还有M码吗？' : 'Is link 3 in size M?',
                at: now,
              },
            ],
          },
    orders:
      state.orders.length > 0
        ? state.orders
        : [{ id: 'preview', at: now, name: zh ? '王*' : 'L*', qty: 2, title: zh ? '真丝缎面衬衫' : 'Silk shirt' }],
    goal: state.goal.target ? state.goal : { ...state.goal, target: yuan(1_000_000), current: yuan(370_000) },
  };
}
