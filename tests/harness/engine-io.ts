/**
 * Raw engine.io long-polling, the way curl or a browser's first XHR reaches a socket.io server: no client
 * library, any Host/Origin/query we like. Used to check that such requests are answered (or refused) and
 * never take a server down.
 */
import { request } from 'node:http';

export interface RawReply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** One HTTP request with exactly the given path, method, headers and body (Host may be forged). */
export function rawHttp(
  baseUrl: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawReply> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, path, method: init.method ?? 'GET', headers: init.headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`no answer to ${init.method ?? 'GET'} ${path}`)));
    req.end(init.body);
  });
}

/** engine.io v4 separates the packets of one polling payload with the record separator. */
export const packetsOf = (body: string): string[] => body.split('\x1e');

/** Opens an engine.io session over long-polling; returns its sid (the `0{...}` open packet). */
export async function openPolling(baseUrl: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await rawHttp(baseUrl, '/socket.io/?EIO=4&transport=polling', { headers });
  if (res.status !== 200 || !res.body.startsWith('0')) {
    throw new Error(`polling handshake answered ${res.status}: ${res.body}`);
  }
  return (JSON.parse(res.body.slice(1)) as { sid: string }).sid;
}

/** A long-polling session driven by hand: `send` POSTs packets, `receive` GETs the next payload. */
export function pollingSession(baseUrl: string, sid: string, headers: Record<string, string> = {}) {
  const path = `/socket.io/?EIO=4&transport=polling&sid=${encodeURIComponent(sid)}`;
  /** Packets received but not yet handed to `until` (one payload may carry several answers). */
  const pending: string[] = [];
  return {
    send: (...packets: string[]) =>
      rawHttp(baseUrl, path, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
        body: packets.join('\x1e'),
      }),
    receive: () => rawHttp(baseUrl, path, { headers }),
    /** Returns the first packet matching `test`, polling as needed; packets before it are dropped. */
    async until(test: (packet: string) => boolean, polls = 10): Promise<string> {
      const seen: string[] = [];
      for (let i = 0; i <= polls; i++) {
        while (pending.length > 0) {
          const packet = pending.shift() as string;
          if (test(packet)) return packet;
          seen.push(packet);
        }
        if (i === polls) break;
        const res = await rawHttp(baseUrl, path, { headers });
        if (res.status !== 200) throw new Error(`poll answered ${res.status}: ${res.body}`);
        pending.push(...packetsOf(res.body));
      }
      throw new Error(`no matching packet in ${polls} polls; saw ${JSON.stringify(seen)}`);
    },
  };
}

/**
 * Requests no socket.io client sends but anyone may: wrong protocol versions, unknown transports and
 * sids, JSONP, a WebSocket transport over plain GET, garbage and oversized query strings, odd methods.
 */
export const HOSTILE_ENGINE_IO_REQUESTS: { path: string; method?: string; body?: string }[] = [
  { path: '/socket.io/?EIO=4&transport=polling' },
  { path: '/socket.io/?EIO=3&transport=polling' },
  { path: '/socket.io/?transport=polling' },
  { path: '/socket.io/?EIO=4' },
  { path: '/socket.io/?EIO=4&transport=flashsocket' },
  { path: '/socket.io/?EIO=4&transport=websocket' },
  { path: '/socket.io/?EIO=4&transport=polling&sid=nonexistent' },
  { path: '/socket.io/?EIO=4&transport=polling&sid=' },
  { path: '/socket.io/?EIO=4&transport=polling&j=0' },
  { path: '/socket.io/?EIO=4&transport=polling&b64=1' },
  { path: '/socket.io/?EIO=4&transport=polling&%zz=%%' },
  { path: `/socket.io/?EIO=4&transport=polling&${'x'.repeat(6000)}=1` },
  { path: '/socket.io/?EIO=4&transport=polling&EIO=4&transport=websocket' },
  { path: '/socket.io/?EIO=4&transport=polling', method: 'POST', body: '40/live,{}' },
  { path: '/socket.io/?EIO=4&transport=polling', method: 'PUT', body: 'x' },
  { path: '/socket.io/?EIO=4&transport=polling', method: 'OPTIONS' },
  { path: '/socket.io/?EIO=4&transport=polling', method: 'DELETE' },
  { path: '/socket.io/' },
  { path: '/socket.io' },
  { path: '/socket.io/../v1/rooms/r1/events' },
  { path: '/socket.io/x/y?EIO=4&transport=polling' },
];
