import { describe, expect, it } from 'vitest';
import { durabilityOf, durabilityProblem } from './redis-durability';

describe('Redis durability check', () => {
  it('reads appendonly, appendfsync and save as Redis reports them', () => {
    expect(durabilityOf({ appendonly: 'yes', appendfsync: 'always', save: '' })).toBe('always');
    expect(durabilityOf({ appendonly: 'yes', appendfsync: 'everysec', save: '3600 1' })).toBe('everysec');
    expect(durabilityOf({ appendonly: 'yes', appendfsync: 'no', save: '' })).toBe('everysec');
    expect(durabilityOf({ appendonly: 'no', appendfsync: 'always', save: '3600 1 300 100' })).toBe('snapshots');
    expect(durabilityOf({ appendonly: 'no', appendfsync: 'everysec', save: '' })).toBe('none');
    expect(durabilityOf({})).toBe('none');
  });

  it('says what is at risk and what to do, except when every acknowledged event is fsynced', () => {
    expect(durabilityProblem('always')).toBeNull();
    for (const level of ['everysec', 'snapshots', 'none', 'unknown'] as const) {
      expect(durabilityProblem(level)).toContain('appendfsync always');
    }
  });
});
