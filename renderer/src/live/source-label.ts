/**
 * How the console names a source of live events: the gateway as 直播间 (or the demo room), a bridge by
 * its label, a Social Stream Ninja listener with the site the comment came from. Pure.
 */
import type { SourceHealth } from '../../../shared/contract';

export interface SourceWords {
  gateway: string;
  demo: string;
}

/** The short tag shown on a chat row: `直播间`, `桥接 1`, `SSN·youtube`. */
export function chatSourceTag(
  source: string,
  platform: string,
  sources: readonly SourceHealth[],
  words: SourceWords,
): string {
  if (source === 'gateway') return words.gateway;
  if (source.startsWith('ssn:')) return platform && platform !== 'ssn' ? `SSN·${platform}` : 'SSN';
  return sources.find((s) => s.id === source)?.label ?? source.replace(/^bridge:/, '');
}

/** The name of a source in the health list. */
export function sourceName(s: SourceHealth, words: SourceWords): string {
  if (s.kind === 'gateway') return s.label === 'demo' ? words.demo : `${words.gateway} ${s.label}`;
  return s.label;
}

/** "12 秒前" style age of the last event, in whole seconds/minutes. */
export function ageParts(lastEventAt: number | null, now: number): { unit: 'none' | 's' | 'min'; n: number } {
  if (lastEventAt === null) return { unit: 'none', n: 0 };
  const s = Math.max(0, Math.round((now - lastEventAt) / 1000));
  return s < 120 ? { unit: 's', n: s } : { unit: 'min', n: Math.floor(s / 60) };
}
