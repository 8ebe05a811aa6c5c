import { describe, expect, it } from 'vitest';
import type { Language } from '../../../shared/language';
import { translate } from '../i18n/translate';
import { obsStatusWords, sortWarnings, warningWords } from './obs-text';

const say = (
  w: { key: Parameters<typeof translate>[1]; vars?: Record<string, string | number> },
  lang: Language = 'zh-CN',
) => translate(lang, w.key, w.vars);

describe('OBS in words', () => {
  it('says what is wrong and what to do, in Chinese and English', () => {
    const failed = obsStatusWords({
      status: 'failed',
      reason: { code: 'auth_failed', message: '' },
      address: { host: '127.0.0.1', port: 4455 },
    });
    expect(failed.tone).toBe('error');
    expect(say(failed)).toContain('密码');
    expect(say(failed, 'en')).toContain('password');
    const unreachable = obsStatusWords({
      status: 'failed',
      reason: { code: 'obs_unreachable', message: '' },
      address: { host: '127.0.0.1', port: 4455 },
    });
    expect(say(unreachable)).toContain('127.0.0.1:4455');
    expect(say(obsStatusWords({ status: 'identified', address: { host: 'h', port: 1 } }))).toBe('OBS 已连接');
  });

  it('renders warnings with their values', () => {
    expect(say(warningWords({ code: 'network_dropped_frames', level: 'warning', values: { percent: 3.2 } }))).toBe(
      '网络拥堵：丢帧 3.2%',
    );
    expect(
      say(warningWords({ code: 'low_disk', level: 'critical', values: { freeMb: 900, minutesLeft: 12 } }), 'en'),
    ).toContain('12 min');
    expect(say(warningWords({ code: 'low_fps', level: 'warning', values: { fps: 24, target: 30 } }), 'en')).toContain(
      '24',
    );
  });

  it('puts critical warnings first', () => {
    const sorted = sortWarnings([
      { code: 'high_cpu', level: 'warning', values: { percent: 90 } },
      { code: 'stream_reconnecting', level: 'critical', values: {} },
    ]);
    expect(sorted.map((w) => w.code)).toEqual(['stream_reconnecting', 'high_cpu']);
  });
});
