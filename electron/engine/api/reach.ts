/**
 * Where the engine can be reached: its port (known once it listens) and the LAN addresses shared now.
 * It is the Host/Origin policy of the HTTP and socket.io servers, so both follow LAN sharing as it
 * turns on and off.
 */
import { type HostPolicy, LOOPBACK_NAMES } from './security';

export class EngineReach implements HostPolicy {
  /** 0 until the HTTP server listens. */
  port = 0;
  /** The LAN addresses LAN sharing listens on now (none while it is off). */
  lan: readonly string[] = [];

  hostnames(): readonly string[] {
    return [...LOOPBACK_NAMES, ...this.lan];
  }

  /** The loopback URL seats and overlays on this computer use. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
}
