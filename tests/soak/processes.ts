/**
 * The soak's real processes: a standalone gateway (gateway/cli.ts, SQLite data dir, fixed port so the
 * engine's link and the driver find it again after a restart), memory sampling from /proc, and a seat
 * client for the commands the control API does not have (session.resume).
 */
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import type { StudioState } from '../../shared/contract';
import { REPO_ROOT } from '../harness/engine';
import { readyLine, spawnTracked, type Tracked, waitFor } from '../harness/process';

export interface GatewayProcess {
  url: string;
  readonly pid: number;
  /** JSON log lines at level >= 50 seen on its stderr, across restarts. */
  errors: string[];
  kill(): Promise<void>;
  terminate(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startGatewayProcess(options: {
  config: string;
  dataDir: string;
  port: number;
  /** Store on this Redis instead of SQLite under dataDir. */
  redisUrl?: string;
}): Promise<GatewayProcess> {
  let child: Tracked | null = null;
  const errors: string[] = [];
  const url = `http://127.0.0.1:${options.port}`;
  const launch = async () => {
    child = spawnTracked(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        '--import',
        'tsx',
        'gateway/cli.ts',
        '--config',
        options.config,
        '--port',
        String(options.port),
        ...(options.redisUrl ? ['--redis', options.redisUrl] : ['--data-dir', options.dataDir]),
      ],
      { cwd: REPO_ROOT, env: { ...process.env, MAISHOU_LOG_LEVEL: 'warn' } },
    );
    let buffer = '';
    child.child.stderr?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf('\n');
        if (levelOf(line) >= 50) errors.push(line);
      }
    });
    await readyLine(child, 60_000);
  };
  await launch();
  return {
    url,
    get pid() {
      return child?.pid ?? 0;
    },
    errors,
    kill: async () => child?.kill(),
    terminate: async () => child?.stop(10_000),
    start: launch,
    stop: async () => child?.stop(),
  };
}

/** pino level of a JSON log line; a non-JSON line on stderr counts as an error (an uncaught crash prints text). */
export function levelOf(line: string): number {
  const trimmed = line.trim();
  if (!trimmed) return 0;
  if (!trimmed.startsWith('{')) return /error|exception|uncaught/i.test(trimmed) ? 60 : 0;
  try {
    return Number((JSON.parse(trimmed) as { level?: number }).level ?? 0);
  } catch {
    return 60;
  }
}

/** Resident set size of a process in bytes (Linux /proc), or null when gone. */
export function rssBytes(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export interface SeatClient {
  socket: Socket;
  state: StudioState | null;
  call(name: string, args?: Record<string, unknown>): Promise<{ ok: boolean; result?: unknown; error?: unknown }>;
  close(): void;
}

/** A host seat that keeps the state it is sent (snapshot, then patches). */
export async function connectSeat(url: string, token: string): Promise<SeatClient> {
  const socket = io(`${url}/seat`, { auth: { token }, reconnection: false, forceNew: true });
  const seat: SeatClient = {
    socket,
    state: null,
    call: (name, args = {}) => socket.timeout(15_000).emitWithAck('command', name, args),
    close: () => socket.close(),
  };
  socket.on('snapshot', (s: { state: StudioState }) => {
    seat.state = s.state;
  });
  socket.on('patch', (p: Partial<StudioState>) => {
    if (seat.state) seat.state = { ...seat.state, ...p };
  });
  await waitFor(() => seat.state, { what: 'seat snapshot', timeoutMs: 20_000 });
  return seat;
}
