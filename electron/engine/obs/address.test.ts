import { describe, expect, it } from 'vitest';
import { obsUrl, parseObsUrl } from './address';

describe('OBS address', () => {
  it('parses the headless --obs flag and builds the ws URL back', () => {
    expect(parseObsUrl('ws://127.0.0.1:4455')).toEqual({ host: '127.0.0.1', port: 4455 });
    expect(parseObsUrl('ws://studio-pc.local')).toEqual({ host: 'studio-pc.local', port: 4455 });
    expect(parseObsUrl('ws://[::1]:4460/')).toEqual({ host: '::1', port: 4460 });
    expect(obsUrl('::1', 4460)).toBe('ws://[::1]:4460');
    expect(() => parseObsUrl('127.0.0.1:4455')).toThrow(expect.objectContaining({ code: 'invalid_address' }));
    expect(() => parseObsUrl('ws://h:99999')).toThrow(expect.objectContaining({ code: 'invalid_address' }));
  });
});
