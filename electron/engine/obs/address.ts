/** The OBS websocket address: parsed from the headless `--obs` flag and built back into a ws URL. */
import { StudioError } from '../../../shared/errors';

/** Host and port of a `ws://host:port` address (the headless `--obs` flag); throws StudioError `invalid_address`. */
export function parseObsUrl(url: string): { host: string; port: number } {
  const m = /^wss?:\/\/(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/i.exec(url.trim());
  const port = m ? Number(m[2] ?? 4455) : 0;
  if (!m || port < 1 || port > 65535) {
    throw new StudioError('invalid_address', 'OBS address must look like ws://127.0.0.1:4455', { path: 'obs' });
  }
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

/** ws URL for a host (IPv6 literals get brackets). */
export function obsUrl(host: string, port: number): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `ws://${h}:${port}`;
}
