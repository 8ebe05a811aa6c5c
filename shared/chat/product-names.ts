/**
 * Short names viewers use for products ("衬衫", "方巾", "精华", "四件套"), derived from catalogue titles:
 * every product-type noun or distinctive term from this small dictionary that a title contains, plus the
 * colloquial aliases of that noun ("盖毯" -> "毯子", "阔腿裤" -> "裤子"). Extend the dictionary, not the code.
 */
const NOUNS: Record<string, string[]> = {
  // clothing
  衬衫: ['衬衣'],
  阔腿裤: ['裤子', '裤'],
  裤: ['裤子'],
  开衫: ['针织衫', '毛衣'],
  大衣: ['外套'],
  连衣裙: ['裙子', '裙'],
  吊带: [],
  白t: ['t恤', '短袖'],
  t恤: ['短袖'],
  卫衣: [],
  半裙: ['裙子'],
  // scarves
  方巾: ['丝巾'],
  围巾: [],
  长巾: ['丝巾'],
  披肩: [],
  // skincare
  精华液: ['精华'],
  精华: [],
  面霜: [],
  洁面乳: ['洁面', '洗面奶'],
  防晒乳: ['防晒', '防晒霜'],
  卸妆膏: ['卸妆'],
  眼霜: [],
  // home
  四件套: ['床品', '床单'],
  马克杯: ['杯子'],
  香薰蜡烛: ['蜡烛', '香薰'],
  蜡烛: [],
  盖毯: ['毯子', '毯'],
  公道杯: ['茶具'],
  茶具: [],
  // tea
  大红袍: ['岩茶'],
  岩茶: [],
  普洱: ['茶饼'],
  龙井: ['绿茶'],
  白茶: ['寿眉'],
  寿眉: [],
  乌龙: ['冷泡茶'],
  冷泡茶: ['茶包'],
  // jewellery
  耳钉: [],
  耳环: [],
  项链: [],
  手链: [],
  平安扣: [],
  珍珠: [],
  和田玉: [],
  珐琅: [],
  小金豆: [],
  // distinctive terms
  积雪草: [],
  玻色因: [],
  氨基酸: [],
  巴洛克: [],
  羊绒: [],
  真丝: [],
};

/** Names a product can be called by, from its title: lower-cased, full-width folded by the caller. */
export function deriveShortNames(title: string): string[] {
  const t = title.toLowerCase();
  const names = new Set<string>();
  for (const [noun, aliases] of Object.entries(NOUNS)) {
    if (!t.includes(noun)) continue;
    names.add(noun);
    for (const a of aliases) names.add(a);
  }
  // The first segment of the title is its full product name ("22姆米重磅真丝缎面衬衫").
  const head = t.split(/\s+/)[0];
  if (head.length >= 2) names.add(head);
  return [...names];
}
