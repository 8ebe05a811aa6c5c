/**
 * Social Stream Ninja's channel-4 messages -> inbound live events (PROTOCOL.md A). Pure.
 *
 * SSN relays one JSON object per chat message from 120+ sites: `chatname`, `chatmessage` (HTML unless
 * the user turned on text-only), `chatimg`, `type` (the site: youtube, twitch, tiktok ...), `userid`,
 * `id`, `hasDonation` (a display string such as "$5.00" or "100 bits"), `timestamp` where the source
 * gives one; some wrap it as `{ "overlayNinja": {...} }`. Viewer counts come as
 * `{ "type": "...", "event": "viewer_update", "meta": <count> }` from the sources that report them, and
 * the dock's summary `{ "event": "viewer_updates", "meta": { "<site>": <count>, … } }`.
 *
 * Ids are stable so a message seen twice (a relay replaying after a reconnect, two docks forwarding the
 * same chat) is recorded once: SSN's own `id` with a hash of site + user + text when it sends one (its
 * counter restarts from a random base with SSN), else a hash of site + user + text + the message's
 * timestamp (or, without one, the 10-second bucket it arrived in).
 */
import { createHash } from 'node:crypto';
import { type InboundEvent, inboundEventSchema } from '../../../../shared/events';
import type { Money } from '../../../../shared/money';

export type SsnReading =
  | { ok: true; events: InboundEvent[] }
  /** Not an error: relays also carry commands, pings and other pages' traffic. */
  | { ok: true; ignored: true; events: [] }
  | { ok: false; reason: string };

const BUCKET_MS = 10_000;
const MAX_TEXT = 500;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** SSN's chatmessage is HTML (emotes are <img>): text only, entities decoded, whitespace folded. */
export function ssnText(html: string): string {
  return html
    .replace(/<img[^>]*\balt="([^"]*)"[^>]*>/gi, '$1')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, e: string) => ENTITIES[e])
    .replace(/\s+/g, ' ')
    .trim();
}

/** The site as a platform name (`youtube`), or `ssn` when SSN did not say or said something odd. */
export function ssnPlatform(type: unknown): string {
  if (typeof type !== 'string') return 'ssn';
  const p = type
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 32);
  return /^[a-z][a-z0-9_]{0,31}$/.test(p) ? p : 'ssn';
}

const SYMBOLS: [RegExp, string, number][] = [
  [/^(?:CN)?[¥￥]|^RMB|元$/i, 'CNY', 2],
  [/^US\$|^\$|USD$/i, 'USD', 2],
  [/^€|EUR$/i, 'EUR', 2],
  [/^£|GBP$/i, 'GBP', 2],
];

/**
 * A donation string as Money in minor units when its currency is plain ("$5.00", "¥30", "12.5 EUR"),
 * else null (bits, coins, roses: the gift keeps its name, its value stays unknown rather than guessed).
 * Parsed digit by digit, never through a float.
 */
export function donationValue(text: string): Money | null {
  const t = text.trim().replace(/,/g, '');
  for (const [re, currency, decimals] of SYMBOLS) {
    if (!re.test(t)) continue;
    const m = /(\d{1,12})(?:\.(\d{1,2}))?/.exec(t);
    if (!m) return null;
    const fraction = (m[2] ?? '').padEnd(decimals, '0');
    return { amount: Number(m[1]) * 10 ** decimals + Number(fraction || '0'), currency };
  }
  return null;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const idOf = (v: unknown): string | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' && v.trim() ? v.trim() : undefined;

/** A viewer count as SSN sends it: a number, or a string such as "1,204". */
function viewerCount(meta: unknown): number | null {
  const count = typeof meta === 'string' ? Number(meta.replace(/[,\s]/g, '')) : meta;
  return typeof count === 'number' && Number.isSafeInteger(count) && count >= 0 ? count : null;
}

/** The same count of the same site in the same moment has the same id, so the summary and the per-site update count once. */
function viewersEvent(platform: string, count: number, bucket: number, time: number | null): InboundEvent {
  return {
    id: `ssn:${platform}:viewers:${bucket}:${count}`,
    platform,
    occurredAt: time,
    kind: 'viewers',
    data: { current: count },
  };
}

function hashId(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);
}

/** Reads one relay frame. `receivedAt` is the engine clock when it arrived. */
export function readSsnFrame(frame: string, receivedAt: number): SsnReading {
  let raw: unknown;
  try {
    raw = JSON.parse(frame);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not an object' };
  let m = raw as Record<string, unknown>;
  if (typeof m.overlayNinja === 'object' && m.overlayNinja !== null) m = m.overlayNinja as Record<string, unknown>;
  const platform = ssnPlatform(m.type);
  const time =
    typeof m.timestamp === 'number' && Number.isSafeInteger(m.timestamp) && m.timestamp > 0 ? m.timestamp : null;

  const bucket = time ?? Math.floor(receivedAt / BUCKET_MS);
  if (m.event === 'viewer_update') {
    const count = viewerCount(m.meta);
    if (count === null) return { ok: false, reason: 'viewer_update without a count' };
    return checked([viewersEvent(platform, count, bucket, time)]);
  }
  if (m.event === 'viewer_updates') {
    // The dock's own summary, one count per site: `{ "youtube": 815, "twitch": 221 }`.
    const meta = typeof m.meta === 'object' && m.meta !== null && !Array.isArray(m.meta) ? m.meta : {};
    const events = Object.entries(meta).flatMap(([site, value]) => {
      const count = viewerCount(value);
      return count === null ? [] : [viewersEvent(ssnPlatform(site), count, bucket, time)];
    });
    if (events.length === 0) return { ok: false, reason: 'viewer_updates without a count per site' };
    return checked(events);
  }
  if (m.chatname === undefined && m.chatmessage === undefined && m.hasDonation === undefined) {
    return { ok: true, ignored: true, events: [] };
  }
  const name = ssnText(str(m.chatname) ?? '').slice(0, 200);
  const text = ssnText(str(m.chatmessage) ?? '').slice(0, MAX_TEXT);
  const donation = str(m.hasDonation)?.trim().slice(0, 200);
  if (!name && !text && !donation) return { ok: false, reason: 'chat without name, text or donation' };
  const userId = idOf(m.userid) ?? (name ? `name:${name}` : 'anonymous');
  const avatar = str(m.chatimg);
  const actor = {
    id: `${platform}:${userId}`.slice(0, 200),
    ...(name ? { name } : {}),
    ...(avatar && /^https?:\/\//.test(avatar) && avatar.length <= 2000 ? { avatar } : {}),
  };
  // SSN numbers messages from a random base that starts again when SSN restarts, so its `id` alone can
  // name two different messages: it is kept, with a hash of what the message says.
  const own = idOf(m.id);
  const what = [platform, userId, text, donation ?? ''];
  const base = own
    ? `ssn:${platform}:${own.slice(0, 100)}:${hashId(what).slice(0, 12)}`
    : `ssn:${platform}:h${hashId([...what, String(bucket)])}`;
  const events: InboundEvent[] = [];
  if (donation) {
    events.push({
      id: `${base}:gift`.slice(0, 200),
      platform,
      occurredAt: time,
      actor,
      kind: 'gift',
      data: { giftId: `donation:${platform}`, name: donation, count: 1, value: donationValue(donation) },
    });
  }
  if (text) events.push({ id: base.slice(0, 200), platform, occurredAt: time, actor, kind: 'chat', data: { text } });
  if (events.length === 0) return { ok: true, ignored: true, events: [] };
  return checked(events);
}

/** The mapper builds typed events, but a relay is a stranger: each one is checked like any inbound event. */
function checked(events: InboundEvent[]): SsnReading {
  for (const e of events) {
    const parsed = inboundEventSchema.safeParse(e);
    if (!parsed.success) return { ok: false, reason: `unreadable ${e.kind}: ${parsed.error.issues[0]?.message}` };
  }
  return { ok: true, events };
}
