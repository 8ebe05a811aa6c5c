import { describe, expect, it } from 'vitest';
import { judgeTestBroadcast, maskedKey, type Sample } from './test-broadcast';

const s = (bitrateKbps: number, droppedFrames: number, totalFrames: number, totalBytes: number): Sample => ({
  bitrateKbps,
  droppedFrames,
  totalFrames,
  totalBytes,
});

describe('the test broadcast in words', () => {
  it('counts only what happened during the test', () => {
    // 40 frames had been dropped before (an earlier stream); none during the test
    expect(
      judgeTestBroadcast([s(0, 40, 1000, 5_000), s(2400, 40, 1150, 800_000), s(2600, 40, 1300, 1_600_000)]),
    ).toEqual({ verdict: 'good', kbps: 2500, dropped: 0, percent: '0.0' });
  });
  it('calls 1% dropped shaky and 5% poor', () => {
    expect(judgeTestBroadcast([s(0, 0, 0, 0), s(2000, 3, 300, 10_000)]).verdict).toBe('weak');
    expect(judgeTestBroadcast([s(0, 0, 0, 0), s(2000, 15, 300, 10_000)])).toMatchObject({
      verdict: 'bad',
      dropped: 15,
      percent: '5.0',
    });
  });
  it('says so when nothing went out', () => {
    expect(judgeTestBroadcast([s(0, 0, 0, 0), s(0, 0, 0, 0)]).verdict).toBe('none');
    expect(judgeTestBroadcast([]).verdict).toBe('none');
  });
});

describe('the masked key', () => {
  it('shows only the ends of the key, never the server part', () => {
    expect(maskedKey('rtmp://push.example.com/live/abc123?sign=xyz', 'rtmp://push.example.com/live/')).toBe(
      'abc••••••yz',
    );
    expect(maskedKey('rtmp://h/live/', 'rtmp://h/live/', 'stream-99')).toBe('str••••••99');
    expect(maskedKey('rtmp://h/live/k1', 'rtmp://h/live/')).toBe('••••••');
  });
});
