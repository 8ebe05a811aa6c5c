/**
 * LAN sharing, off by default. The engine's HTTP server is bound to 127.0.0.1 only; while sharing is on,
 * extra TCP listeners on the LAN addresses hand their connections to that same server, so the very
 * same Host/Origin checks and tokens apply. Turning sharing off closes the listeners and drops every
 * connection that came through them at once.
 */
import type { Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { type NetworkInterfaceInfo, networkInterfaces } from 'node:os';
import { StudioError } from '../../../shared/errors';
import type { EngineReach } from './reach';

/** True for RFC 1918 private IPv4 (10/8, 172.16/12, 192.168/16); not public, CGNAT (100.64/10) or link-local. */
export function isPrivateLanAddress(address: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  if ([m[1], m[2], m[3], m[4]].some((x) => Number(x) > 255)) return false;
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** Interfaces of containers and virtual machines (Docker, Podman, VirtualBox, VMware, WSL, Hyper-V). */
const VIRTUAL_INTERFACE =
  /^(docker\d*|br-[0-9a-f]+|veth|virbr|vboxnet|vmnet|podman|cni|flannel|cali|tun|tap|utun|zt|tailscale|wg)|vEthernet|VirtualBox|VMware|Hyper-V|WSL/i;

/**
 * The addresses LAN sharing may offer: private IPv4 on real interfaces, Wi-Fi and Ethernet first
 * (a docker bridge is private too, but phones cannot reach it).
 */
export function privateLanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string[] {
  const out: string[] = [];
  for (const [name, list] of Object.entries(interfaces)) {
    if (VIRTUAL_INTERFACE.test(name)) continue;
    for (const info of list ?? []) {
      if (info.family === 'IPv4' && !info.internal && isPrivateLanAddress(info.address)) out.push(info.address);
    }
  }
  return out;
}

export class LanSharing {
  private listeners: Server[] = [];
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly http: HttpServer,
    /** The engine's port is read here; the addresses shared are written here (the Host policy reads them). */
    private readonly reach: EngineReach,
    /** Which addresses to listen on; injectable so tests use loopback aliases like 127.0.0.2. */
    private readonly addresses: () => string[] = () => privateLanAddresses(),
  ) {}

  get enabledAddresses(): readonly string[] {
    return this.reach.lan;
  }

  /** The addresses the host can pick from now. */
  availableAddresses(): string[] {
    return this.addresses();
  }

  /**
   * Listens on the one address the host picked (default: the first available); refuses an address
   * that is not offered. Switching addresses while on rebinds.
   */
  async enable(pick?: string): Promise<readonly string[]> {
    const available = this.addresses();
    if (pick !== undefined && !available.includes(pick))
      throw new StudioError('unknown_address', `${pick} is not a private LAN address of this computer`, {
        path: 'address',
      });
    const target = pick ?? available[0];
    if (this.listeners.length > 0) {
      if (this.reach.lan.includes(target)) return this.reach.lan;
      await this.disable();
    }
    const bound: string[] = [];
    for (const address of target ? [target] : []) {
      const server = createServer((socket) => {
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
        this.http.emit('connection', socket);
      });
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(this.reach.port, address, () => resolve());
        });
        this.listeners.push(server);
        bound.push(address);
      } catch {
        server.close();
      }
    }
    this.reach.lan = bound;
    return bound;
  }

  async disable(): Promise<void> {
    const closing = this.listeners.map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
    this.listeners = [];
    this.reach.lan = [];
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await Promise.all(closing);
  }
}
