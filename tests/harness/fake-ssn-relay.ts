/**
 * A FAKE Social Stream Ninja relay, written for the tests (the real one is io.socialstream.ninja): a real
 * `ws` websocket server implementing the relay's join protocol as its api.md describes it. A client joins
 * a session by its path (`/join/SESSION/IN/OUT`, IN and OUT optional) or, after connecting to `/`, with a
 * message `{"join": SESSION, "in": IN, "out": OUT}`. Every other message a client sends goes to the other
 * clients of the same session whose IN channel is the sender's OUT channel. SSN's extension publishes chat
 * with OUT 4; listeners join with IN 4. Any other path is refused at the upgrade with 404.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

interface Member {
  socket: WebSocket;
  session: string | null;
  in: number | null;
  out: number | null;
}

export interface FakeSsnRelay {
  /** ws://127.0.0.1:PORT */
  url: string;
  /** Clients joined to `session` listening on `channel`. */
  listeners(session: string, channel: number): number;
  /** A publisher the way SSN's extension is one: joined with OUT 4, sending raw frames. */
  publisher(session: string): Promise<{ send(frame: unknown): void; close(): void }>;
  /** Cuts every connection abruptly (a relay restart, a dropped network). */
  dropAll(): void;
  /** Joins made since start (a listener that reconnects joins again). */
  joins: number;
  close(): Promise<void>;
}

const channel = (v: unknown): number | null => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 9 ? n : null;
};

export async function startFakeSsnRelay(port = 0): Promise<FakeSsnRelay> {
  const http: Server = createServer((_req, res) => {
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true });
  const members = new Set<Member>();
  const relay = { joins: 0 } as FakeSsnRelay;

  http.on('upgrade', (req, socket, head) => {
    const parts = (req.url ?? '/').split('?')[0].split('/').filter(Boolean);
    const byPath = parts[0] === 'join' && parts.length >= 2 && parts.length <= 4;
    if (parts.length > 0 && !byPath) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const member: Member = { socket: ws, session: null, in: null, out: null };
      if (byPath) {
        member.session = decodeURIComponent(parts[1]);
        member.in = channel(parts[2]);
        member.out = channel(parts[3]);
        relay.joins++;
      }
      members.add(member);
      ws.on('close', () => members.delete(member));
      ws.on('error', () => members.delete(member));
      ws.on('message', (data) => {
        const text = data.toString();
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON: relayed as is, like any other payload
        }
        // Own key only: an array also answers `'join' in` (Array.prototype.join).
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && Object.hasOwn(parsed, 'join')) {
          const j = parsed as { join: unknown; in?: unknown; out?: unknown };
          member.session = String(j.join);
          member.in = channel(j.in);
          member.out = channel(j.out);
          relay.joins++;
          return;
        }
        if (member.session === null || member.out === null) return;
        for (const m of members) {
          if (
            m !== member &&
            m.session === member.session &&
            m.in === member.out &&
            m.socket.readyState === WebSocket.OPEN
          ) {
            m.socket.send(text);
          }
        }
      });
    });
  });

  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  relay.url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
  relay.listeners = (session, ch) =>
    [...members].filter((m) => m.session === session && m.in === ch && m.socket.readyState === WebSocket.OPEN).length;
  relay.publisher = async (session) => {
    const ws = new WebSocket(relay.url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ join: session, out: 4 }));
    return {
      send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
      close: () => ws.close(),
    };
  };
  relay.dropAll = () => {
    for (const m of members) m.socket.terminate();
    members.clear();
  };
  relay.close = async () => {
    relay.dropAll();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await new Promise<void>((resolve) => http.close(() => resolve()));
  };
  return relay;
}
