const INFO_INTENT_LIST = ['price', 'size', 'stock', 'shipping', 'link', 'material', 'usage', 'discount'] as const;

export const INTENTS = [...INFO_INTENT_LIST, 'want', 'greeting', 'praise', 'complaint', 'other'] as const;

/** What a live-chat comment is about. The label set of tests/fixtures/*.jsonl (see the fixtures README). */
export type Intent = (typeof INTENTS)[number];

const intentSet: ReadonlySet<string> = new Set(INTENTS);
export const isIntent = (value: unknown): value is Intent => typeof value === 'string' && intentSet.has(value);

/** Intents where the viewer asks for information the host can give: the ones the radar groups. */
export const INFO_INTENTS: ReadonlySet<Intent> = new Set(INFO_INTENT_LIST);

/** Short labels for the radar ("12 人问 3号 尺码"); the UI may translate the codes itself. */
export const INTENT_LABELS: Readonly<Record<Intent, { zh: string; en: string }>> = {
  price: { zh: '价格', en: 'price' },
  size: { zh: '尺码', en: 'size' },
  stock: { zh: '库存', en: 'stock' },
  shipping: { zh: '发货', en: 'shipping' },
  link: { zh: '链接', en: 'link' },
  material: { zh: '材质', en: 'material' },
  usage: { zh: '用法', en: 'usage' },
  discount: { zh: '优惠', en: 'discount' },
  want: { zh: '想要', en: 'want' },
  greeting: { zh: '打招呼', en: 'greeting' },
  praise: { zh: '夸赞', en: 'praise' },
  complaint: { zh: '吐槽', en: 'complaint' },
  other: { zh: '其他', en: 'other' },
};
