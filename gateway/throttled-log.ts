/**
 * Error logs that cannot flood: during a Redis outage every request and every reconnect attempt fails, and
 * one line per failure would fill the disk. The first occurrence of a key is logged at once, later ones at
 * most once per interval with how many were held back.
 */
import type { Logger } from 'pino';

export type ThrottledLog = (key: string, fields: Record<string, unknown>, message: string) => void;

export function throttledLog(
  logger: Logger,
  level: 'warn' | 'error',
  intervalMs = 10_000,
  now: () => number = Date.now,
): ThrottledLog {
  const last = new Map<string, { at: number; held: number }>();
  return (key, fields, message) => {
    const t = now();
    const entry = last.get(key);
    if (entry && t - entry.at < intervalMs) {
      entry.held++;
      return;
    }
    logger[level]({ ...fields, suppressed: entry?.held ?? 0 }, message);
    last.set(key, { at: t, held: 0 });
  };
}
