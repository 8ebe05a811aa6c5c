/**
 * Question radar throughput. (1) classifyComment over the labelled comments vs a baseline that only
 * splits the same texts into characters (Array.from): how many times the cost of merely touching each
 * character the classifier spends. (2) The whole per-comment path the engine will run (classify, resolve
 * the product, radar add, heat add) on a 5,000-comment second: time used vs the 1 s budget.
 * (3) Hostile 500-character comments: classification stays linear (no regex backtracking).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyComment } from '../shared/chat';
import { buildProductIndex, type CatalogueEntry, resolveProduct } from '../shared/chat/resolve-product';
import { DemandHeat, demandKindOf } from '../shared/radar/demand-heat';
import { QuestionRadar } from '../shared/radar/question-radar';
import { type BenchResult, median } from './types';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function loadTexts(): string[] {
  const texts: string[] = [];
  for (const f of ['chat-sample.jsonl', 'chat-tune.jsonl', 'chat-heldout.jsonl']) {
    for (const line of readFileSync(join(root, 'tests', 'fixtures', f), 'utf8').split('\n')) {
      if (line.trim() !== '') texts.push((JSON.parse(line) as { text: string }).text);
    }
  }
  return texts;
}

function catalogue(): CatalogueEntry[] {
  return [
    '22姆米重磅真丝缎面衬衫 宽松落肩 香槟色',
    '桑蚕丝印花小方巾 53×53cm 复古花卉',
    '积雪草舒缓修护精华液 30ml',
    '水洗亚麻床品四件套 1.5/1.8m床 多色可选',
    '武夷山大红袍岩茶 礼盒装 250g',
    '淡水珍珠耳钉 S925银针',
    '羊毛混纺高腰阔腿裤 垂感显高',
    '100%山羊绒纯色流苏围巾 200×70cm',
    '玻色因紧致抗皱面霜 50g',
    '手工粗陶马克杯 350ml',
    '云南古树普洱生茶饼 357g 2021年',
    '巴洛克异形珍珠项链 长45cm',
  ].map((title, i) => ({ productId: `P${i + 1}`, title, linkNo: i + 1 }));
}

/** Runs fn over texts `rounds` times, returns items per second (median of `reps`). */
function throughput(texts: readonly string[], rounds: number, reps: number, fn: (t: string) => unknown): number {
  const rates: number[] = [];
  let sink = 0;
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < rounds; k++) for (const t of texts) if (fn(t)) sink++;
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    rates.push((rounds * texts.length) / s);
  }
  if (sink === -1) console.log(sink);
  return median(rates);
}

export default async function ({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  const texts = loadTexts();
  const rounds = quick ? 20 : 200;
  const reps = quick ? 3 : 7;
  // warm up both paths so the JIT has compiled them before measuring
  throughput(texts, 20, 1, (t) => classifyComment(t).question);
  throughput(texts, 20, 1, (t) => Array.from(t).length);

  const split = throughput(texts, rounds, reps, (t) => Array.from(t).length);
  const classify = throughput(texts, rounds, reps, (t) => classifyComment(t).question);

  // The full per-comment path at 5,000 comments in one second of chat.
  const cat = catalogue();
  const index = buildProductIndex(cat);
  const perSecond = 5000;
  const seconds = quick ? 3 : 20;
  const budgets: number[] = [];
  const radar = new QuestionRadar();
  const heat = new DemandHeat();
  let n = 0;
  for (let s = 0; s < seconds; s++) {
    const base = s * 1000;
    radar.onPinned(`P${(s % 12) + 1}`, base);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < perSecond; i++) {
      const text = texts[n++ % texts.length];
      const at = base + Math.floor((i * 1000) / perSecond);
      const c = classifyComment(text);
      const productId = resolveProduct(c, text, index, `P${(s % 12) + 1}`);
      if (c.question) radar.add({ at, actorId: `v${n % 3000}`, productId, intent: c.intent, text });
      if (productId !== null && demandKindOf(c) !== null) heat.addComment(productId, c, at);
    }
    radar.tick(base + 999);
    heat.ranking(base + 999);
    heat.suggestion(base + 999, `P${(s % 12) + 1}`);
    radar.snapshot();
    budgets.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const msPerSecondOfChat = median(budgets);

  // Hostile input: 500-character strings built to provoke regex backtracking.
  const hostile = [
    '号'.repeat(500),
    `${'1'.repeat(499)}号`,
    '一二三四五六七八九十'.repeat(50),
    '链接'.repeat(250),
    `${'#'.repeat(250)}${'1'.repeat(250)}`,
    'no.'.repeat(166),
    '不'.repeat(500),
    '多少钱'.repeat(166),
    'a'.repeat(500),
  ];
  const hostileRate = throughput(hostile, quick ? 50 : 500, reps, (t) => classifyComment(t).question);
  const hostileChars = hostile.reduce((s, t) => s + t.length, 0) / hostile.length;

  return [
    {
      name: 'chat classification throughput (one core)',
      value: classify,
      baseline: split,
      unit: 'comments/s',
      better: 'higher',
      baselineName: 'Array.from(text) only',
      context: { comments: texts.length, rounds, classifyPerSec: Math.round(classify), splitPerSec: Math.round(split) },
    },
    {
      name: 'radar+heat path for 5,000 comments (one second of chat)',
      value: msPerSecondOfChat,
      baseline: 1000,
      unit: 'ms',
      better: 'lower',
      baselineName: '1 s real-time budget',
      context: {
        seconds,
        p_max_ms: Math.max(...budgets),
        perCommentUs: (msPerSecondOfChat * 1000) / perSecond,
        openGroups: radar.openCount,
      },
    },
    {
      name: 'hostile 500-char comments',
      value: hostileRate,
      baseline: classify,
      unit: 'comments/s',
      better: 'higher',
      baselineName: 'ordinary comments',
      context: { avgChars: hostileChars, charsPerSec: Math.round(hostileRate * hostileChars) },
    },
  ];
}
