/**
 * A local RTMP ingest for stream tests: Debian's ffmpeg listening on loopback (`-listen 1`), writing
 * what it receives to an FLV file without re-encoding. It accepts one publisher and exits when that
 * publisher stops.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, spawnTracked, type Tracked, waitFor } from './process';

export interface RtmpIngest {
  port: number;
  /** rtmp://127.0.0.1:PORT/APP/ */
  server: string;
  /** Where the received stream is written. */
  file: string;
  tracked: Tracked;
  stop(): Promise<void>;
}

/** True when a TCP socket listens on `port` (read from /proc: a probe connection would be taken as the publisher). */
function listening(port: number): boolean {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      const rows = readFileSync(table, 'utf8').split('\n').slice(1);
      if (rows.some((row) => row.trim().split(/\s+/)[1]?.endsWith(`:${hex}`) && row.trim().split(/\s+/)[3] === '0A'))
        return true;
    } catch {
      // no such table
    }
  }
  return false;
}

export async function startRtmpIngest(dir: string, { app = 'live', stream = 'test' } = {}): Promise<RtmpIngest> {
  const port = await freePort();
  const file = join(dir, `ingest-${port}.flv`);
  const tracked = spawnTracked('ffmpeg', [
    '-nostdin',
    '-loglevel',
    'info',
    '-listen',
    '1',
    '-timeout',
    '60',
    '-i',
    `rtmp://127.0.0.1:${port}/${app}/${stream}`,
    '-c',
    'copy',
    '-f',
    'flv',
    file,
  ]);
  await waitFor(
    () => {
      if (tracked.child.exitCode !== null) throw new Error(`ffmpeg exited: ${tracked.output()}`);
      return listening(port);
    },
    { what: `RTMP ingest on ${port}`, timeoutMs: 10_000, intervalMs: 50 },
  );
  return { port, server: `rtmp://127.0.0.1:${port}/${app}/`, file, tracked, stop: () => tracked.stop(3_000) };
}
