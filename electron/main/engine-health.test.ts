import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FAILURES_BEFORE_ASKING, failureDialog, StderrTail, shouldAsk, stopGracefully } from './engine-health';
import { EngineSupervisor } from './supervisor';

describe('engine stderr tail', () => {
  it('keeps the last lines across chunk boundaries, cut to a readable length', () => {
    const tail = new StderrTail(3);
    tail.push('one\ntw');
    tail.push('o\nthree\n\nfour\nfi');
    expect(tail.text()).toBe('three\nfour\nfi');
    tail.push(`${'x'.repeat(1000)}\n`);
    expect(tail.text().split('\n').at(-1)).toHaveLength(300);
  });
});

describe('after repeated failures the shell asks instead of restarting forever', () => {
  it('gives up after 3 failed starts in a row, shows why, and retry starts afresh', () => {
    const exits: ((code: number | null) => void)[] = [];
    const timers: (() => void)[] = [];
    const gaveUp: number[] = [];
    const supervisor = new EngineSupervisor({
      spawn: () => ({ onExit: (l) => exits.push(l), kill: () => undefined }),
      onGiveUp: (n) => gaveUp.push(n),
      now: () => 0,
      random: () => 0.5,
      setTimer: (fn) => timers.push(fn),
    });
    supervisor.start();
    exits[0](1);
    timers.shift()!();
    exits[1](1);
    timers.shift()!();
    exits[2](1);
    expect(timers).toHaveLength(0); // no fourth start scheduled
    expect(gaveUp).toEqual([FAILURES_BEFORE_ASKING]);
    expect(shouldAsk(2)).toBe(false);
    expect(shouldAsk(3)).toBe(true);
    supervisor.retry();
    expect(exits).toHaveLength(4);
    const zh = failureDialog('Error: listen EADDRINUSE 127.0.0.1:17380', '/data/logs', 'zh-CN');
    expect(zh.detail).toContain('EADDRINUSE');
    expect(zh.detail).toContain('17380');
    expect(zh.buttons).toEqual(['重试', '打开日志文件夹', '退出']);
    expect(failureDialog('', '/d', 'en').detail).toContain('(the engine wrote nothing)');
  });
});

describe('quit lets the engine close its session', () => {
  const child = (script: string) => {
    const p = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    return {
      output: () => out,
      ready: new Promise<void>((r) => p.stdout.once('data', () => r())),
      handle: {
        requestShutdown: () => p.kill('SIGTERM'),
        kill: () => p.kill('SIGKILL'),
        onExit: (l: (code: number | null) => void) => p.once('exit', (code) => l(code)),
      },
    };
  };

  it('waits for a real process to finish its clean-up after SIGTERM', async () => {
    const p = child(
      "process.on('SIGTERM', () => setTimeout(() => { process.stdout.write('session closed'); process.exit(0); }, 300)); process.stdout.write('up '); setInterval(() => {}, 1000);",
    );
    await p.ready;
    expect(await stopGracefully(p.handle, 10_000)).toBe('clean');
    expect(p.output()).toContain('session closed');
  });

  it('kills one that does not exit in time', async () => {
    const p = child("process.on('SIGTERM', () => {}); process.stdout.write('up'); setInterval(() => {}, 1000);");
    await p.ready;
    expect(await stopGracefully(p.handle, 300)).toBe('killed');
  });
});
