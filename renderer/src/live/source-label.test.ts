import { describe, expect, it } from 'vitest';
import type { SourceHealth } from '../../../shared/contract';
import { ageParts, chatSourceTag, sourceName } from './source-label';

const words = { gateway: '直播间', demo: '演示直播间' };
const bridge: SourceHealth = {
  id: 'bridge:seat_1',
  kind: 'bridge',
  label: '桥接 1',
  state: 'connected',
  connected: true,
  lastEventAt: 1,
  perMinute: 3,
  quiet: false,
  quietForMs: null,
};

describe('source labels', () => {
  it('tags chat rows by where they came from', () => {
    expect(chatSourceTag('gateway', 'xhs', [], words)).toBe('直播间');
    expect(chatSourceTag('ssn:br_1', 'youtube', [], words)).toBe('SSN·youtube');
    expect(chatSourceTag('ssn:br_1', 'ssn', [], words)).toBe('SSN');
    expect(chatSourceTag('bridge:seat_1', 'xhs', [bridge], words)).toBe('桥接 1');
    expect(chatSourceTag('bridge:seat_9', 'xhs', [bridge], words)).toBe('seat_9');
  });

  it('names sources in the health list', () => {
    expect(sourceName({ ...bridge, kind: 'gateway', label: 'demo' }, words)).toBe('演示直播间');
    expect(sourceName({ ...bridge, kind: 'gateway', label: 'show' }, words)).toBe('直播间 show');
    expect(sourceName(bridge, words)).toBe('桥接 1');
  });

  it('says how long ago the last event came', () => {
    expect(ageParts(null, 10_000)).toEqual({ unit: 'none', n: 0 });
    expect(ageParts(7_000, 10_000)).toEqual({ unit: 's', n: 3 });
    expect(ageParts(0, 300_000)).toEqual({ unit: 'min', n: 5 });
  });
});
