/** Strings of the recap's recording player and clip panel, zh-CN first; a missing English string is a type error. */
import { useCallback } from 'react';
import { fill } from '../../../../shared/recap/labels';
import { useStudio } from '../../store/studio';

const zhCN = {
  'tape.title': '直播录像',
  'tape.loading': '正在读取录像…',
  'tape.none': '这场直播期间 OBS 没有录像。开播前在 OBS 点“开始录制”，或在设置里打开“开播时自动录制”。',
  'tape.file': '录像 {n}',
  'tape.fileSpan': '{from}–{to}',
  'tape.missing': '文件不在原处（已移动或删除）：{path}',
  'tape.recording': '录制中',
  'tape.noFootage': '{at} 这一刻没有录像',
  'tape.hint': '点击图表上的某一分钟、讲解色带，或讲解表中的一行，录像从那里开始播放。',
  'tape.player': '直播录像播放器',
  'tape.segments': '讲解片段',
  'tape.segment': '片段',
  'tape.start': '开始',
  'tape.length': '时长',
  'tape.play': '从这里播放：{name}',
  'tape.choose': '选择 {name} 做切片',
  'tape.mode': '切片方式',
  'tape.fast': '快速（关键帧，可能提前 2 秒内）',
  'tape.exact': '精确（重新编码，较慢）',
  'tape.leadIn': '提前开始（秒）',
  'tape.cut': '生成 {n} 个切片',
  'tape.chapters': '写入章节副本',
  'tape.cancel': '取消',
  'tape.progress': '{what}：{pct}',
  'tape.jobClips': '正在切片',
  'tape.jobChapters': '正在写入章节',
  'tape.done': '完成：{n} 个文件',
  'tape.failed': '失败：{message}',
  'tape.cancelled': '已取消，未留下不完整的文件',
  'tape.skipped': '{n} 个片段不在任何录像中，已跳过',
  'tape.clips': '切片',
  'tape.clipsEmpty': '还没有切片。',
  'tape.cover': '封面',
  'tape.name': '文件名',
  'tape.size': '大小',
  'tape.openFolder': '打开文件夹',
  'tape.folder': '切片文件夹：{path}',
  'tape.hostOnly': '只有主播可以切片和写入章节。',
} as const;

type TapeKey = keyof typeof zhCN;

const en: Record<TapeKey, string> = {
  'tape.title': 'Recording',
  'tape.loading': 'Reading the recording…',
  'tape.none':
    'OBS recorded nothing during this show. Start recording in OBS before going live, or turn on "Record when going live" in Settings.',
  'tape.file': 'Recording {n}',
  'tape.fileSpan': '{from}–{to}',
  'tape.missing': 'The file is no longer where it was recorded (moved or deleted): {path}',
  'tape.recording': 'recording',
  'tape.noFootage': 'Nothing was recorded at {at}',
  'tape.hint': 'Click a minute of the chart, a pin band or a row of the pin table: the recording plays from there.',
  'tape.player': 'Show recording player',
  'tape.segments': 'Pin segments',
  'tape.segment': 'Segment',
  'tape.start': 'Start',
  'tape.length': 'Length',
  'tape.play': 'Play from here: {name}',
  'tape.choose': 'Cut a clip of {name}',
  'tape.mode': 'Cutting',
  'tape.fast': 'Fast (at keyframes, may start up to 2 s early)',
  'tape.exact': 'Exact (re-encoded, slower)',
  'tape.leadIn': 'Lead-in (seconds)',
  'tape.cut': 'Cut {n} clips',
  'tape.chapters': 'Write a chaptered copy',
  'tape.cancel': 'Cancel',
  'tape.progress': '{what}: {pct}',
  'tape.jobClips': 'Cutting clips',
  'tape.jobChapters': 'Writing chapters',
  'tape.done': 'Done: {n} files',
  'tape.failed': 'Failed: {message}',
  'tape.cancelled': 'Cancelled; no unfinished file was left',
  'tape.skipped': '{n} segments are in no recording and were skipped',
  'tape.clips': 'Clips',
  'tape.clipsEmpty': 'No clips yet.',
  'tape.cover': 'Cover',
  'tape.name': 'File name',
  'tape.size': 'Size',
  'tape.openFolder': 'Open folder',
  'tape.folder': 'Clip folder: {path}',
  'tape.hostOnly': 'Only the host can cut clips and write chapters.',
};

export type TapeT = (key: TapeKey, vars?: Record<string, string | number>) => string;

export function useTapeT(): TapeT {
  const lang = useStudio((s) => s.language);
  return useCallback<TapeT>(
    (key, vars) => {
      const text = lang === 'en' ? en[key] : zhCN[key];
      return vars ? fill(text, vars) : text;
    },
    [lang],
  );
}
