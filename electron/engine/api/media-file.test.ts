import { describe, expect, it } from 'vitest';
import { parseRange } from './media-file';

describe('HTTP ranges for media', () => {
  it('reads the forms players send', () => {
    expect(parseRange(undefined, 1000)).toBe('none');
    expect(parseRange('bytes=0-99', 1000)).toEqual([0, 99]);
    expect(parseRange('bytes=900-', 1000)).toEqual([900, 999]);
    expect(parseRange('bytes=-100', 1000)).toEqual([900, 999]);
    expect(parseRange('bytes=990-5000', 1000)).toEqual([990, 999]);
  });
  it('refuses ranges past the end; answers multi-ranges and junk with the whole file', () => {
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=500-100', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-9', 1000)).toBe('none');
    expect(parseRange('items=0-1', 1000)).toBe('none');
  });
});
