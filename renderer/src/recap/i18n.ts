/**
 * The recap view's strings, zh-CN first, English available. Figure and table names come from
 * shared/recap/labels (the printable report says the same words); `Record<RecapKey, string>` makes a
 * missing English string a type error.
 */

import { useCallback } from 'react';
import type { Language } from '../../../shared/language';
import { FIGURE_LABELS, fill, INTENT_NAMES, REPORT_LABELS, type ReportKey } from '../../../shared/recap/labels';
import { useStudio } from '../store/studio';

const zhCN = {
  'list.title': '场次复盘',
  'list.empty': '还没有场次：开播后在直播控制台开始一场。',
  'list.search': '搜索标题',
  'list.from': '开始日期',
  'list.to': '结束日期',
  'list.clear': '清除筛选',
  'list.date': '日期',
  'list.titleCol': '标题',
  'list.duration': '时长',
  'list.gpm': 'GPM',
  'list.totals': '合计（{n} 场）',
  'list.open': '打开复盘',
  'list.compare': '对比',
  'list.compareTwo': '对比所选两场',
  'list.select': '选择 {title} 用于对比',
  'list.running': '进行中',
  'list.sort': '按{col}排序',
  'recap.back': '返回场次列表',
  'recap.loading': '正在加载复盘…',
  'recap.error': '复盘加载失败：{message}',
  'recap.headline': '核心数据',
  'recap.vsPrevious': '较上一场',
  'recap.vsAverage': '较近 7 场均值',
  'recap.noCompare': '没有更早的场次可对比',
  'recap.chartHint': '悬停查看每分钟数据；在图上拖动选择时间段，查看该时间段的数据。',
  'recap.range': '所选时间段 {from}–{to}（{n} 分钟）',
  'recap.rangeClear': '清除选择',
  'recap.rangeIncomplete': '其中 {n} 分钟数据不完整',
  'recap.questionsLoading': '正在分析评论…',
  'recap.comments': '评论 {comments} 条，提问 {questions} 条',
  'recap.byProduct': '按商品',
  'recap.answerTimes':
    '问题组 {groups} 个：主播标记已回答 {byHost} 个，讲解该商品后视为已回答 {byPin} 个，未回答 {unanswered} 个；回答用时中位数 {median}，P90 {p90}',
  'recap.demandVsPins': '观众需求与讲解时间',
  'recap.demandSignals': '需求信号',
  'recap.demandShare': '需求占比',
  'recap.pinShare': '讲解时长占比',
  'recap.demandGap': '差距',
  'recap.demandGapHint': '正数：观众要得多、讲得少',
  'recap.export': '导出与分享',
  'recap.csv': '导出 CSV',
  'recap.json': '导出 JSON',
  'recap.html': '报告（网页）',
  'recap.pdf': '报告 PDF',
  'recap.print': '打印',
  'recap.reportLang': '报告语言',
  'recap.exporting': '正在生成 {what}…',
  'recap.exported': '已下载 {file}',
  'recap.exportFailed': '导出失败：{message}',
  'recap.readOnly': '只读查看',
  'recap.tableCaption': '{name}（点击表头排序）',
  'chart.gmv': '成交金额（元）',
  'chart.viewers': '在线人数',
  'chart.chat': '评论数',
  'chart.gap': '数据中断（未估算）',
  'chart.label': '每分钟成交、在线与评论曲线',
  'compare.title': '场次对比',
  'compare.figure': '指标',
  'compare.diff': '变化',
  'compare.curves': '每分钟曲线（从开播起对齐）',
  'compare.minute': '第 {n} 分钟',
  'missing.title': '下一场前要补的商品资料',
  'missing.explain': '观众问了、但商品资料里没有答案的问题，按提问数排序。补上后，提词器和问题雷达就能给出建议回答。',
  'missing.product': '商品',
  'missing.fact': '缺少的资料',
  'missing.questions': '提问数（人数）',
  'missing.example': '例如',
  'missing.none': '观众的问题都能从商品资料里找到答案。',
} as const;

export type RecapKey = keyof typeof zhCN | `report.${ReportKey}` | `figure.${string}` | `intent.${string}`;
type UiKey = keyof typeof zhCN;

const en: Record<UiKey, string> = {
  'list.title': 'Session recaps',
  'list.empty': 'No sessions yet: start one from the Live console when you go live.',
  'list.search': 'Search titles',
  'list.from': 'From',
  'list.to': 'To',
  'list.clear': 'Clear filters',
  'list.date': 'Date',
  'list.titleCol': 'Title',
  'list.duration': 'Duration',
  'list.gpm': 'GPM',
  'list.totals': 'Total ({n} sessions)',
  'list.open': 'Open recap',
  'list.compare': 'Compare',
  'list.compareTwo': 'Compare the two selected',
  'list.select': 'Select {title} to compare',
  'list.running': 'Live',
  'list.sort': 'Sort by {col}',
  'recap.back': 'Back to sessions',
  'recap.loading': 'Loading the recap…',
  'recap.error': 'The recap could not be loaded: {message}',
  'recap.headline': 'Headline figures',
  'recap.vsPrevious': 'vs previous',
  'recap.vsAverage': 'vs last-7 average',
  'recap.noCompare': 'No earlier session to compare with',
  'recap.chartHint': "Hover for a minute's numbers; drag across the chart to see the figures of that span.",
  'recap.range': 'Selected {from}–{to} ({n} min)',
  'recap.rangeClear': 'Clear selection',
  'recap.rangeIncomplete': '{n} of these minutes are incomplete',
  'recap.questionsLoading': 'Reading the comments…',
  'recap.comments': '{comments} comments, {questions} questions',
  'recap.byProduct': 'By product',
  'recap.answerTimes':
    '{groups} question groups: {byHost} marked answered by the host, {byPin} answered by pinning the product, {unanswered} unanswered; time to answer median {median}, p90 {p90}',
  'recap.demandVsPins': 'Demand vs pins',
  'recap.demandSignals': 'Demand signals',
  'recap.demandShare': 'Share of demand',
  'recap.pinShare': 'Share of pin time',
  'recap.demandGap': 'Gap',
  'recap.demandGapHint': 'Positive: asked for more than it was shown',
  'recap.export': 'Export and share',
  'recap.csv': 'Export CSV',
  'recap.json': 'Export JSON',
  'recap.html': 'Report (web page)',
  'recap.pdf': 'Report PDF',
  'recap.print': 'Print',
  'recap.reportLang': 'Report language',
  'recap.exporting': 'Preparing {what}…',
  'recap.exported': 'Downloaded {file}',
  'recap.exportFailed': 'Export failed: {message}',
  'recap.readOnly': 'Read-only',
  'recap.tableCaption': '{name} (click a header to sort)',
  'chart.gmv': 'Paid GMV (yuan)',
  'chart.viewers': 'Viewers',
  'chart.chat': 'Comments',
  'chart.gap': 'Feed gap (not estimated)',
  'chart.label': 'Per-minute GMV, viewers and comments',
  'compare.title': 'Compare sessions',
  'compare.figure': 'Figure',
  'compare.diff': 'Change',
  'compare.curves': 'Per minute (aligned from start)',
  'compare.minute': 'Minute {n}',
  'missing.title': 'Facts to add before the next show',
  'missing.explain':
    'Questions viewers asked that the catalogue could not answer, most asked first. Once added, the prompter and the question radar suggest the answer.',
  'missing.product': 'Product',
  'missing.fact': 'Missing fact',
  'missing.questions': 'Questions (viewers)',
  'missing.example': 'For example',
  'missing.none': 'The catalogue could answer every question viewers asked.',
};

const UI: Record<Language, Record<UiKey, string>> = { 'zh-CN': zhCN, en };

export type RecapT = (key: RecapKey, vars?: Record<string, string | number>) => string;

export function recapTranslate(lang: Language, key: RecapKey, vars?: Record<string, string | number>): string {
  let text: string;
  if (key.startsWith('report.')) text = REPORT_LABELS[lang][key.slice(7) as ReportKey];
  else if (key.startsWith('figure.')) text = FIGURE_LABELS[lang][key.slice(7)] ?? key;
  else if (key.startsWith('intent.')) text = INTENT_NAMES[lang][key.slice(7)] ?? key.slice(7);
  else text = UI[lang][key as UiKey] ?? zhCN[key as UiKey];
  return vars ? fill(text, vars) : text;
}

export function useRecapT(): RecapT {
  const lang = useStudio((s) => s.language);
  // Stable per language, so charts redraw on a language change and not on every render.
  return useCallback<RecapT>((key, vars) => recapTranslate(lang, key, vars), [lang]);
}
