/** Chat of a session window reduced to what the figures use: total, count per minute, question times. */
import { type ChatSummary, inWindow, minuteCount, minuteIndex, type SessionRecord } from './types';

export function summarizeChat(record: SessionRecord): ChatSummary {
  if (record.chatSummary) return record.chatSummary;
  const { window } = record;
  const perMinute = new Array<number>(minuteCount(window)).fill(0);
  const questions: number[] = [];
  let total = 0;
  for (const c of record.chat) {
    if (!inWindow(window, c.at)) continue;
    total++;
    perMinute[minuteIndex(window, c.at)]++;
    if (c.question) questions.push(c.at);
  }
  questions.sort((a, b) => a - b);
  return { total, perMinute, questions };
}
