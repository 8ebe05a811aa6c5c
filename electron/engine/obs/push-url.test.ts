import { describe, expect, it } from 'vitest';
import { splitPushUrl } from './push-url';

describe('splitPushUrl', () => {
  it('splits a full push URL with its signed query (抖音/小红书 style)', () => {
    expect(
      splitPushUrl('rtmp://push-rtmp-l11.douyincdn.com/third/stream-1234567?expire=1764064800&sign=ab12cd'),
    ).toEqual({
      server: 'rtmp://push-rtmp-l11.douyincdn.com/third/',
      key: 'stream-1234567?expire=1764064800&sign=ab12cd',
    });
  });

  it('splits a URL without a query', () => {
    expect(splitPushUrl('rtmp://live.example.com/app/abc123')).toEqual({
      server: 'rtmp://live.example.com/app/',
      key: 'abc123',
    });
  });

  it('keeps the port and rtmps', () => {
    expect(splitPushUrl('rtmps://live.example.com:443/app/k?x=1')).toEqual({
      server: 'rtmps://live.example.com:443/app/',
      key: 'k?x=1',
    });
  });

  it('takes a query-only key (bilibili pastes /live-bvc/?streamname=...)', () => {
    expect(splitPushUrl('rtmp://live-push.bilivideo.com/live-bvc/?streamname=live_1_2&key=abc&schedule=rtmp')).toEqual({
      server: 'rtmp://live-push.bilivideo.com/live-bvc/',
      key: '?streamname=live_1_2&key=abc&schedule=rtmp',
    });
  });

  it('uses a separately pasted key, normalizing trailing slashes of the server', () => {
    for (const url of [
      'rtmp://push.example.com/live',
      'rtmp://push.example.com/live/',
      'rtmp://push.example.com/live///',
    ]) {
      expect(splitPushUrl(url, 'abc?sign=1')).toEqual({ server: 'rtmp://push.example.com/live/', key: 'abc?sign=1' });
    }
  });

  it('does not double the key when the full URL and the key are both pasted', () => {
    expect(splitPushUrl('rtmp://push.example.com/live/abc?sign=1', 'abc?sign=1')).toEqual({
      server: 'rtmp://push.example.com/live/',
      key: 'abc?sign=1',
    });
    expect(splitPushUrl('rtmp://push.example.com/live/abc', 'abc?sign=1')).toEqual({
      server: 'rtmp://push.example.com/live/',
      key: 'abc?sign=1',
    });
  });

  it('strips pasted whitespace, line breaks and a leading slash of the key', () => {
    expect(splitPushUrl('  rtmp://push.example.com/live/\n', ' /abc\u3000')).toEqual({
      server: 'rtmp://push.example.com/live/',
      key: 'abc',
    });
  });

  it('lowercases the scheme only', () => {
    expect(splitPushUrl('RTMP://Push.Example.com/Live/Key')).toEqual({
      server: 'rtmp://Push.Example.com/Live/',
      key: 'Key',
    });
  });

  it('keeps a deeper stream path in the key', () => {
    expect(splitPushUrl('rtmp://h/app/a/b?q=1')).toEqual({ server: 'rtmp://h/app/', key: 'a/b?q=1' });
  });

  it('refuses what OBS cannot use, naming the field', () => {
    expect(() => splitPushUrl('http://example.com/live/abc')).toThrow(
      expect.objectContaining({ code: 'invalid_push_url', path: 'url' }),
    );
    expect(() => splitPushUrl('push.example.com/live/abc')).toThrow(
      expect.objectContaining({ code: 'invalid_push_url' }),
    );
    expect(() => splitPushUrl('rtmp://push.example.com/')).toThrow(expect.objectContaining({ path: 'url' }));
    expect(() => splitPushUrl('rtmp://push.example.com/live/')).toThrow(expect.objectContaining({ path: 'key' }));
  });
});
