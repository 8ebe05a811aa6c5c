/**
 * A real Redis for tests: /usr/bin/redis-server on a free port, no persistence, in a temp dir, in its own
 * process group (stopped by pid). Each call starts a fresh server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnTracked, waitFor } from './process';

export interface RedisServer {
  url: string;
  port: number;
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

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'maishou-redis-'));
  const server = spawnTracked(
    '/usr/bin/redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { cwd: dir },
  );
  try {
    await waitFor(() => ping(port), { timeoutMs: 10_000, what: `redis-server on ${port}` });
  } catch (error) {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${server.output()}`);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await server.stop(2_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
