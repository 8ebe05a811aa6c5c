/**
 * 推流地址 / 推流码 -> what OBS's custom RTMP service needs. Platforms hand out either a full push URL
 * (`rtmp://host/app/stream?sign=...`) or a server plus a key; OBS wants the server as `rtmp://host/app/`
 * and everything after the app (stream name and its query) as the key. Pasting a full URL into OBS's
 * server field is a common cause of its "invalid server URL" / failed-to-connect errors.
 */
import { StudioError } from '../../../shared/errors';

export interface StreamDestination {
  /** `rtmp://host[:port]/app/` (always ends with one slash). */
  server: string;
  /** Stream name with its query string, e.g. `stream-123?expire=1&sign=ab`. */
  key: string;
}

const URL_RE = /^(rtmps?):\/\/([^/?#\s]+)(\/[^?#]*)?(\?[^#]*)?$/i;

function invalid(message: string, path: 'url' | 'key' = 'url'): StudioError {
  return new StudioError('invalid_push_url', message, { status: 400, path });
}

/** Removes every whitespace character: pasted URLs often carry line breaks or (full-width) spaces. */
const squeeze = (text: string): string => text.replace(/[\s\u3000\u200b\ufeff]+/g, '');

/**
 * Splits a push URL (and an optional separately pasted key) into OBS's server and key.
 * Rules: the app is the first path segment; the key is the rest of the path plus the query. With a key
 * given separately the URL is the server, unless the URL already ends with that key (both pasted).
 * Throws StudioError `invalid_push_url` (path `url` or `key`) when no usable server/key can be made.
 */
export function splitPushUrl(url: string, key?: string): StreamDestination {
  const text = squeeze(url);
  const m = URL_RE.exec(text);
  if (!m) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) throw invalid('Only rtmp:// and rtmps:// push URLs are supported.');
    throw invalid('A push URL starts with rtmp:// (or rtmps://), e.g. rtmp://push.example.com/live/');
  }
  const scheme = m[1].toLowerCase();
  const host = m[2];
  const segments = (m[3] ?? '').split('/').filter((s) => s !== '');
  const query = m[4] && m[4] !== '?' ? m[4] : '';
  const separateKey = key === undefined ? '' : squeeze(key).replace(/^\/+/, '');
  if (segments.length === 0) throw invalid('The push URL has no application path (rtmp://host/APP/...).');
  const server = `${scheme}://${host}/${segments[0]}/`;
  const fromUrl = segments.slice(1).join('/') + query;

  if (separateKey) {
    // Both pasted: the URL may already end with the key (or its stream-name part).
    if (fromUrl && (separateKey === fromUrl || separateKey.startsWith(fromUrl) || fromUrl.startsWith(separateKey))) {
      return { server, key: separateKey.length >= fromUrl.length ? separateKey : fromUrl };
    }
    if (fromUrl) {
      // A longer app path given with a separate key (e.g. rtmp://host/app/sub/ + key): keep the path as the server.
      return { server: `${scheme}://${host}/${segments.join('/')}/${query}`, key: separateKey };
    }
    return { server: `${server}${query}`, key: separateKey };
  }
  if (!fromUrl) throw invalid('The push URL has no stream key: paste the 推流码 (stream key) too.', 'key');
  return { server, key: fromUrl };
}

/** For logs and screens: the server, and the key reduced to its length. */
export function describeDestination(d: StreamDestination): string {
  return `${d.server} (key: ${d.key.length} chars)`;
}
