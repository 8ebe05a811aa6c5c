/**
 * A real Redis for tests: /usr/bin/redis-server on a free port, in a temp dir, in its own process group
 * (stopped by pid). Persistence as the gateway README asks (appendonly yes, appendfsync always) unless
 * `volatile`; `down()` and `up()` stop it and start it again on the same port and data (an outage).
 * Each call starts a fresh server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnTracked, type Tracked, waitFor } from './process';

export interface RedisServer {
  url: string;
  port: number;
  /** SIGKILLs the server (an outage; appendfsync always keeps every acknowledged write). */
  down(): Promise<void>;
  /** Starts it again on the same port and data folder. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let answer = '';
    socket.setTimeout(1000);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      answer += d.toString();
      if (answer.includes('\r\n')) {
        socket.destroy();
        resolve(answer.startsWith('+PONG'));
      }
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export async function startRedis(options: { volatile?: boolean } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'maishou-redis-'));
  const persistence = options.volatile
    ? ['--save', '', '--appendonly', 'no']
    : ['--save', '', '--appendonly', 'yes', '--appendfsync', 'always'];
  const launch = async () => {
    const child = spawnTracked(
      '/usr/bin/redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', ...persistence, '--dir', dir],
      { cwd: dir },
    );
    try {
      await waitFor(() => ping(port), { timeoutMs: 10_000, what: `redis-server on ${port}` });
    } catch (error) {
      await child.stop();
      throw new Error(`${(error as Error).message}\n${child.output()}`);
    }
    return child;
  };
  let server: Tracked | null;
  try {
    server = await launch();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async down() {
      await server?.kill();
      server = null;
    },
    async up() {
      server ??= await launch();
    },
    async stop() {
      await server?.stop(2_000);
      server = null;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
