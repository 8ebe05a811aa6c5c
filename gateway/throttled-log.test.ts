import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { throttledLog } from './throttled-log';

describe('throttledLog', () => {
  it('logs the first of a key at once, then at most once per interval with the count held back', () => {
    const lines: { suppressed: number; msg: string }[] = [];
    const logger = pino({ level: 'warn' }, { write: (s: string) => lines.push(JSON.parse(s)) });
    let t = 0;
    const log = throttledLog(logger, 'warn', 10_000, () => t);
    for (let i = 0; i < 100; i++) log('redis', {}, 'redis unreachable');
    log('other', {}, 'another fault');
    t = 10_000;
    log('redis', {}, 'redis unreachable');
    expect(lines.map((l) => [l.msg, l.suppressed])).toEqual([
      ['redis unreachable', 0],
      ['another fault', 0],
      ['redis unreachable', 99],
    ]);
  });
});
