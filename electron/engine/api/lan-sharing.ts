/**
 * LAN sharing, off by default. The engine's HTTP server is bound to 127.0.0.1 only; while sharing is on,
 * extra TCP listeners on the LAN addresses hand their connections to that same server, so the very
 * same Host/Origin checks and tokens apply. Turning sharing off closes the listeners and drops every
 * connection that came through them at once.
 */
import type { Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';

/** Private IPv4 addresses of this machine's interfaces (what phones on the same Wi-Fi can reach). */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) {
      if (info.family === 'IPv4' && !info.internal) out.push(info.address);
    }
  }
  return out;
}

export class LanSharing {
  private listeners: Server[] = [];
  private readonly sockets = new Set<Socket>();
  private active: string[] = [];

  constructor(
    private readonly http: HttpServer,
    private readonly port: () => number,
    /** Which addresses to listen on; injectable so tests use loopback aliases like 127.0.0.2. */
    private readonly addresses: () => string[] = lanAddresses,
  ) {}

  get enabledAddresses(): string[] {
    return this.active;
  }

  async enable(): Promise<string[]> {
    if (this.listeners.length > 0) return this.active;
    const bound: string[] = [];
    for (const address of this.addresses()) {
      const server = createServer((socket) => {
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
        this.http.emit('connection', socket);
      });
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(this.port(), address, () => resolve());
        });
        this.listeners.push(server);
        bound.push(address);
      } catch {
        server.close();
      }
    }
    this.active = bound;
    return bound;
  }

  async disable(): Promise<void> {
    const closing = this.listeners.map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
    this.listeners = [];
    this.active = [];
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await Promise.all(closing);
  }
}
