/**
 * What the desktop shell decides about its engine, kept pure so it is tested under Node: the last
 * lines of the engine's stderr (what went wrong, for the dialog), when to stop restarting and ask the
 * host, the dialog's words, and a quit that lets the engine close the session before it is killed.
 */
import type { Language } from '../../shared/language';

/** Keeps the last `maxLines` lines (each cut to 300 characters) of a stream of text chunks. */
export class StderrTail {
  private lines: string[] = [];
  private partial = '';

  constructor(private readonly maxLines = 15) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) if (line.trim()) this.lines.push(line.slice(0, 300));
    if (this.lines.length > this.maxLines) this.lines = this.lines.slice(-this.maxLines);
  }

  text(): string {
    return [...this.lines, ...(this.partial.trim() ? [this.partial.slice(0, 300)] : [])]
      .slice(-this.maxLines)
      .join('\n');
  }

  clear(): void {
    this.lines = [];
    this.partial = '';
  }
}

/** Failed starts in a row after which the shell stops restarting and asks the host. */
export const FAILURES_BEFORE_ASKING = 3;

export const shouldAsk = (failuresInARow: number, threshold = FAILURES_BEFORE_ASKING): boolean =>
  failuresInARow >= threshold;

export interface FailureDialog {
  title: string;
  message: string;
  detail: string;
  buttons: string[];
}

/** The dialog after repeated failures, in the app's language (zh-CN first). */
export function failureDialog(tail: string, logsDir: string, lang: Language): FailureDialog {
  const last = tail.trim() || (lang === 'en' ? '(the engine wrote nothing)' : '（引擎没有输出）');
  if (lang === 'en')
    return {
      title: 'Maishou Studio',
      message: 'The studio engine failed to start 3 times in a row.',
      detail: `Last lines it wrote:\n${last}\n\nWhat to do: another copy of the studio or another program may hold its port (17380); the data folder may be full or read-only; restart the computer if it persists. Logs: ${logsDir}`,
      buttons: ['Try again', 'Open logs folder', 'Quit'],
    };
  return {
    title: '买手直播台',
    message: '直播台引擎连续 3 次启动失败。',
    detail: `它最后输出的内容：\n${last}\n\n可以这样处理：检查是否有另一个直播台或其他程序占用了端口 17380；检查数据文件夹所在磁盘是否已满或只读；仍然失败时重启电脑。日志位置：${logsDir}`,
    buttons: ['重试', '打开日志文件夹', '退出'],
  };
}

export interface StoppableChild {
  /** Asks the engine to close the session and exit (parent-port message or SIGTERM). */
  requestShutdown(): void;
  kill(): void;
  onExit(listener: (code: number | null) => void): void;
}

/**
 * Asks the engine to close cleanly and waits for its exit; kills it after `timeoutMs`. Resolves with
 * how it ended, so the shell can log a forced stop.
 */
export function stopGracefully(
  child: StoppableChild,
  timeoutMs = 10_000,
  setTimer: (fn: () => void, ms: number) => unknown = setTimeout,
): Promise<'clean' | 'killed'> {
  return new Promise((resolve) => {
    let settled = false;
    child.onExit(() => {
      if (settled) return;
      settled = true;
      resolve('clean');
    });
    setTimer(() => {
      if (settled) return;
      settled = true;
      child.kill();
      resolve('killed');
    }, timeoutMs);
    child.requestShutdown();
  });
}
