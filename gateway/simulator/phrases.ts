/**
 * What a 买手 show's chat sounds like (after /work/shared/fixtures/chat-sample.jsonl): templates per intent.
 * `{n}` is a link number (usually the pinned product's), `{t}` a short product name, `{size}` a size,
 * `{h}`/`{w}` height and weight.
 */
import type { Intent } from '../../shared/chat/intent';

/** The classifier's intents the simulated audience uses (everything but `usage`). */
export type ChatIntent = Exclude<Intent, 'usage'>;

export const CHAT_TEMPLATES: Record<ChatIntent, readonly string[]> = {
  want: [
    '扣1',
    '1',
    '111',
    '已拍',
    '{n}号已拍',
    '拍了拍了',
    '冲',
    '姐妹们冲啊 这个价太香了',
    '{t}我拿下了',
    '想要{n}号',
    '上链接！',
    '{n}号已拍 {size}码',
    '这个价不买是傻子',
    '蹲{n}号',
    '已下单 坐等发货',
  ],
  price: ['多少钱', '{n}号多少钱', '价格打在公屏上吧', '蹲价格', '{t}什么价', '直播间价格是多少', '到手价多少'],
  size: [
    '{h} {w}斤穿什么码',
    '{n}号有{size}码吗',
    '{size}码适合多少斤',
    '偏大还是偏小',
    '{h}/{w}kg 能穿{size}吗',
    '主播穿的什么码',
    '微胖能穿吗',
    '{t}尺寸多大',
  ],
  stock: ['{n}号还有吗', '{size}码还有吗', '求补货', '{n}号没抢到 还会返场吗', '黑色还有吗', '怎么显示已售罄了'],
  shipping: ['什么时候发货', '几天能到', '{n}号是现货吗', '有运费险吗', '发什么快递', '预售要等多久'],
  link: ['链接{n}', '{n}号链接在哪', '求链接', '挂车了吗', '刚才那个在车里第几个', '{t}是几号链接'],
  material: ['是真丝吗', '{t}什么面料', '会起球吗', '洗了会掉色吗', '{n}号是纯棉的吗', '成分是什么'],
  discount: ['有优惠券吗', '能便宜点吗', '拍两件有优惠吗', '有赠品吗', '福袋什么时候开', '这个价有保价吗'],
  praise: [
    '主播好美',
    '好看！',
    '{t}也太好看了',
    '这个颜色绝了',
    '你家每次选品都很稳',
    '质感好好',
    '上身好显瘦',
    'nice',
  ],
  greeting: ['来了来了', '晚上好', '姐妹们晚上好', '主播晚上好呀', '刚下班赶来', '第一次来 关注了', '每天都来蹲'],
  other: ['哈哈哈', '主播试一下{size}码', '讲讲{n}号', '主播多高', '想看上身效果', '背景音乐是什么', '666'],
  complaint: ['卡了', '怎么又卡了？？', '有点贵', '上次买的还没到', '声音好小', '客服不回消息'],
};

export const GREETING_HEAVY_MINUTES = 5;

export const SIZES = ['S', 'M', 'L', 'XL'] as const;

const SURNAMES = ['小', '阿', '大', '甜', '橙', '桃', '鹿', '糖', '柚', '喵'];
const GIVEN = [
  '鹿',
  '鱼',
  '七',
  '甜甜',
  '子',
  '悠悠',
  '圆圆',
  '兔',
  '猫',
  '米',
  '薇',
  '柠檬',
  '芋泥',
  '晴',
  '栗子',
  '豆豆',
  '可可',
  '溪',
];
const SUFFIX = ['', '', '', '呀', '酱', '123', '_', '不吃香菜', '爱穿搭', '的衣橱', '今天也要美'];

/** A viewer nickname from three independent draws. */
export function nickname(draw: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(draw() * xs.length)];
  return `${pick(SURNAMES)}${pick(GIVEN)}${pick(SUFFIX)}`;
}

export const GIFTS = [
  { giftId: 'heart', name: '小心心', value: 10 },
  { giftId: 'rose', name: '玫瑰', value: 100 },
  { giftId: 'lipstick', name: '口红', value: 990 },
  { giftId: 'rocket', name: '火箭', value: 50000 },
] as const;

/** Fills a template; `{t}` gets what viewers call the product: the last three characters of its title's first word. */
export function fill(
  template: string,
  values: { n: number | null; title: string | null; size: string; h: number; w: number },
): string | null {
  if ((template.includes('{n}') && values.n === null) || (template.includes('{t}') && !values.title)) return null;
  const short = (values.title ?? '').split(/[\s，,]/)[0].slice(-3);
  return template
    .replaceAll('{n}', String(values.n))
    .replaceAll('{t}', short)
    .replaceAll('{size}', values.size)
    .replaceAll('{h}', String(values.h))
    .replaceAll('{w}', String(values.w));
}
