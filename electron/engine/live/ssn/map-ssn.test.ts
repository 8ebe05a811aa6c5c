import { describe, expect, it } from 'vitest';
import { donationValue, readSsnFrame, ssnPlatform, ssnText } from './map-ssn';

const T = 1_765_000_000_000;
const frame = (o: unknown) => JSON.stringify(o);

describe('Social Stream Ninja messages', () => {
  it('maps a chat message with SSN id, user, avatar and site', () => {
    const r = readSsnFrame(
      frame({
        chatname: '小鹿',
        chatmessage: '3号有<b>S码</b>吗 &amp; 颜色?',
        chatimg: 'https://yt3.example/a.jpg',
        type: 'youtube',
        userid: 'UC123',
        id: 4711,
        timestamp: T,
      }),
      T + 5,
    );
    expect(r).toEqual({
      ok: true,
      events: [
        {
          id: expect.stringMatching(/^ssn:youtube:4711:[0-9a-f]{12}$/),
          platform: 'youtube',
          occurredAt: T,
          actor: { id: 'youtube:UC123', name: '小鹿', avatar: 'https://yt3.example/a.jpg' },
          kind: 'chat',
          data: { text: '3号有S码吗 & 颜色?' },
        },
      ],
    });
  });

  it('unwraps overlayNinja and turns a donation into a gift (with its chat) with a value when the currency is plain', () => {
    const r = readSsnFrame(
      frame({
        overlayNinja: { chatname: 'Ann', chatmessage: 'love it', hasDonation: '$5.00', type: 'twitch', id: 'a1' },
      }),
      T,
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.events.map((e) => e.kind)).toEqual(['gift', 'chat']);
    expect(r.events[1]?.id).toMatch(/^ssn:twitch:a1:[0-9a-f]{12}$/);
    expect(r.events[0]?.id).toBe(`${r.events[1]?.id}:gift`);
    expect(r.ok && r.events[0].data).toEqual({
      giftId: 'donation:twitch',
      name: '$5.00',
      count: 1,
      value: { amount: 500, currency: 'USD' },
    });
  });

  it('keeps SSN ids apart when SSN restarts and numbers a different message the same', () => {
    const m = { chatname: '小鹿', type: 'tiktok', userid: 'u1', id: 90_001 };
    const first = readSsnFrame(frame({ ...m, chatmessage: '3号多少钱' }), T);
    const again = readSsnFrame(frame({ ...m, chatmessage: '3号多少钱' }), T + 60_000);
    const reused = readSsnFrame(frame({ ...m, chatmessage: '5号还有吗' }), T + 60_000);
    if (!first.ok || !again.ok || !reused.ok) throw new Error('expected events');
    expect(again.events[0]?.id).toBe(first.events[0]?.id);
    expect(reused.events[0]?.id).not.toBe(first.events[0]?.id);
  });

  it('gives a message without an id the same id when it is seen again, and another when the text differs', () => {
    const m = { chatname: 'Bo', chatmessage: '扣1', type: 'tiktok', userid: 'u9' };
    const a = readSsnFrame(frame(m), T + 1_000);
    const b = readSsnFrame(frame(m), T + 8_000); // same 10-second bucket
    const c = readSsnFrame(frame({ ...m, chatmessage: '扣2' }), T + 1_000);
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected events');
    expect(a.events[0].id).toMatch(/^ssn:tiktok:h[0-9a-f]{24}$/);
    expect(b.events[0].id).toBe(a.events[0].id);
    expect(c.events[0].id).not.toBe(a.events[0].id);
    // With the source's timestamp, two identical comments a second apart are two comments.
    const d = readSsnFrame(frame({ ...m, timestamp: T }), T);
    const e = readSsnFrame(frame({ ...m, timestamp: T + 1_000 }), T + 1_000);
    if (!d.ok || !e.ok) throw new Error('expected events');
    expect(d.events[0].id).not.toBe(e.events[0].id);
  });

  it('maps viewer updates, numbers as text included', () => {
    const r = readSsnFrame(frame({ type: 'youtube', event: 'viewer_update', meta: '1,234' }), T);
    expect(r.ok && r.events[0]).toMatchObject({ kind: 'viewers', data: { current: 1234 }, platform: 'youtube' });
    expect(readSsnFrame(frame({ type: 'youtube', event: 'viewer_update', meta: 'many' }), T).ok).toBe(false);
  });

  it('maps the dock summary of viewers per site, with the same ids as the per-site updates', () => {
    const r = readSsnFrame(frame({ event: 'viewer_updates', meta: { youtube: 815, twitch: '221', kick: 'n/a' } }), T);
    if (!r.ok) throw new Error(r.reason);
    expect(r.events.map((e) => [e.platform, e.kind, e.data])).toEqual([
      ['youtube', 'viewers', { current: 815 }],
      ['twitch', 'viewers', { current: 221 }],
    ]);
    const single = readSsnFrame(frame({ type: 'youtube', event: 'viewer_update', meta: 815 }), T);
    expect(single.ok && single.events[0]?.id).toBe(r.events[0]?.id);
    expect(readSsnFrame(frame({ event: 'viewer_updates', meta: { youtube: -1 } }), T)).toEqual({
      ok: false,
      reason: 'viewer_updates without a count per site',
    });
  });

  it('refuses malformed frames with a reason and ignores traffic that is not chat', () => {
    expect(readSsnFrame('{not json', T)).toEqual({ ok: false, reason: 'not JSON' });
    expect(readSsnFrame('[1,2]', T)).toEqual({ ok: false, reason: 'not an object' });
    expect(readSsnFrame('"hi"', T)).toEqual({ ok: false, reason: 'not an object' });
    expect(readSsnFrame(frame({ chatname: '', chatmessage: '   ' }), T).ok).toBe(false);
    expect(readSsnFrame(frame({ action: 'clearOverlay' }), T)).toMatchObject({ ok: true, ignored: true });
    // An emote-only message with nothing readable left is not a comment.
    expect(readSsnFrame(frame({ chatname: 'x', chatmessage: '<img src="e.png">' }), T)).toMatchObject({
      ok: true,
      events: [],
    });
  });

  it('cuts over-long text and names to what live events allow, and drops odd avatars', () => {
    const r = readSsnFrame(
      frame({ chatname: 'n'.repeat(300), chatmessage: '长'.repeat(900), chatimg: 'javascript:x' }),
      T,
    );
    if (!r.ok) throw new Error(r.reason);
    const e = r.events[0];
    expect(e.kind === 'chat' && e.data.text.length).toBe(500);
    expect(e.actor?.name?.length).toBe(200);
    expect(e.actor?.avatar).toBeUndefined();
    expect(e.platform).toBe('ssn');
  });
});

describe('SSN helpers', () => {
  it('reads donation strings without floats', () => {
    expect(donationValue('$5.00')).toEqual({ amount: 500, currency: 'USD' });
    expect(donationValue('¥30')).toEqual({ amount: 3000, currency: 'CNY' });
    expect(donationValue('12.5 EUR')).toEqual({ amount: 1250, currency: 'EUR' });
    expect(donationValue('$1,234.56')).toEqual({ amount: 123456, currency: 'USD' });
    expect(donationValue('100 bits')).toBeNull();
  });

  it('keeps emote alt text and platform names tidy', () => {
    expect(ssnText('hi <img src="x" alt=":wave:"> there')).toBe('hi :wave: there');
    expect(ssnPlatform('YouTube')).toBe('youtube');
    expect(ssnPlatform('1bad')).toBe('ssn');
    expect(ssnPlatform(undefined)).toBe('ssn');
  });
});
