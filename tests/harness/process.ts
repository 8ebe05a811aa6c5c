/**
 * Process helpers for the test harness: free ports, spawning children in their own process group so
 * they (and anything they spawn) can be killed by pid, and polling for readiness.
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (the kernel picks; closed before returning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Tracked {
  child: ChildProcess;
  pid: number;
  /** Output collected so far (stdout + stderr), for error messages. */
  output(): string;
  /** SIGTERM the whole group, SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL the whole group at once. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

const live = new Set<Tracked>();

/** Spawns `command` detached in its own process group, tracked for cleanup at exit. */
export function spawnTracked(command: string, args: string[], options: SpawnOptions = {}): Tracked {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, detached: true });
  if (!child.pid) throw new Error(`could not start ${command}`);
  const pid = child.pid;
  let out = '';
  const keep = (chunk: Buffer) => {
    out += chunk.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  const tracked: Tracked = {
    child,
    pid,
    output: () => out,
    exited,
    async stop(graceMs = 5_000) {
      if (child.exitCode === null && child.signalCode === null) {
        signalGroup('SIGTERM');
        const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      signalGroup('SIGKILL'); // children of the group that outlived their parent
      live.delete(tracked);
    },
    async kill() {
      signalGroup('SIGKILL');
      await exited;
      live.delete(tracked);
    },
  };
  live.add(tracked);
  return tracked;
}

process.once('exit', () => {
  for (const t of live) {
    try {
      process.kill(-t.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  { timeoutMs = 20_000, intervalMs = 100, what = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

/** Resolves with the first stdout line that parses as JSON with `ready: true`. */
export function readyLine<T extends { ready: boolean }>(tracked: Tracked, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no ready line within ${timeoutMs} ms; output:\n${tracked.output().slice(-4000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('{')) {
          try {
            const parsed = JSON.parse(line) as T;
            if (parsed.ready) {
              cleanup();
              resolve(parsed);
              return;
            }
          } catch {
            // not our line
          }
        }
        nl = buffer.indexOf('\n');
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`exited with ${code} before ready; output:\n${tracked.output().slice(-4000)}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      tracked.child.stdout?.off('data', onData);
      tracked.child.off('exit', onExit);
    };
    tracked.child.stdout?.on('data', onData);
    tracked.child.once('exit', onExit);
  });
}
