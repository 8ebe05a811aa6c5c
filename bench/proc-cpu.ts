/**
 * CPU of a process tree from /proc (Linux), broken down by process and thread: where a browser's time
 * goes (its browser process, GPU/display compositor, network service, one renderer per page) and, inside
 * each, which threads (main, compositor, raster workers, IO). Readings are cumulative ticks; `cpuDiff`
 * turns two readings into seconds per process and thread.
 */
import { readdirSync, readFileSync } from 'node:fs';

const USER_HZ = 100;

export interface ProcReading {
  pid: number;
  /** Chromium's --type (renderer, gpu-process, utility:network...), 'browser' without one, else the name. */
  kind: string;
  ticks: number;
  /** Ticks per thread name (numbered pool threads merged: ThreadPoolForeg, CompositorTileW...). */
  threads: Map<string, number>;
}

function stat(path: string): { comm: string; ppid: number; ticks: number } | null {
  try {
    const text = readFileSync(path, 'utf8');
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    return {
      comm: text.slice(text.indexOf('(') + 1, close),
      ppid: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
    };
  } catch {
    return null; // exited meanwhile
  }
}

function kindOf(pid: number, comm: string): string {
  let argv: string[];
  try {
    // A zygote's children rewrite their title: one string, flags separated by spaces.
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
  } catch {
    return comm;
  }
  const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const type = flag('type');
  if (!type) return /chrom/i.test(argv[0] ?? '') ? 'browser' : comm;
  const sub = flag('utility-sub-type');
  return sub ? `utility:${sub.replace(/\.mojom\..*$/, '')}` : type;
}

const threadName = (comm: string) => comm.replace(/\d+$/, '').replace(/[-_]$/, '');

/** Every descendant of `rootPid` (and itself with `self`) with its CPU ticks, per thread. */
export function readTree(rootPid: number, options: { self?: boolean } = {}): ProcReading[] {
  const parent = new Map<number, number>();
  const comms = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(`/proc/${entry}/stat`);
    if (!s) continue;
    parent.set(Number(entry), s.ppid);
    comms.set(Number(entry), s.comm);
  }
  const inTree = (pid: number): boolean => {
    for (let p = parent.get(pid) ?? 0, guard = 0; p > 1 && guard < 64; p = parent.get(p) ?? 0, guard++)
      if (p === rootPid) return true;
    return false;
  };
  const out: ProcReading[] = [];
  for (const pid of parent.keys()) {
    if (!inTree(pid) && !(options.self && pid === rootPid)) continue;
    const threads = new Map<string, number>();
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      const t = stat(`/proc/${pid}/task/${tid}/stat`);
      if (!t) continue;
      const name = threadName(t.comm);
      threads.set(name, (threads.get(name) ?? 0) + t.ticks);
    }
    // The process's own figure also counts its threads that have exited.
    const ticks = stat(`/proc/${pid}/stat`)?.ticks ?? 0;
    out.push({ pid, kind: kindOf(pid, comms.get(pid) ?? '?'), ticks, threads });
  }
  return out;
}

/**
 * The Chromium that `rootPid` launched, with all its processes (renderers, GPU, utilities), and nothing
 * else the root runs (a test runner's esbuild, ffmpeg...). Throws when there is not exactly one.
 */
export function readBrowserTree(rootPid: number): ProcReading[] {
  const browsers = readTree(rootPid).filter((p) => p.kind === 'browser');
  if (browsers.length !== 1) throw new Error(`expected one browser under pid ${rootPid}, found ${browsers.length}`);
  return readTree(browsers[0].pid, { self: true });
}

/** CPU seconds of one process. */
export const processSeconds = (p: ProcReading): number => p.ticks / USER_HZ;

/** CPU seconds of the whole tree. */
export const treeSeconds = (reading: readonly ProcReading[]): number =>
  reading.reduce((n, p) => n + processSeconds(p), 0);

export interface ProcCpu {
  pid: number;
  /** A process's label: its kind, or the name given to its pid (a page's renderer). */
  label: string;
  seconds: number;
  /** Thread name -> seconds, largest first. */
  threads: [string, number][];
}

/**
 * CPU seconds per process between two readings (processes gone by `after` are left out; new ones count
 * from zero), labelled by `names` (pid -> label) or their kind; largest first.
 */
export function cpuDiff(
  before: readonly ProcReading[],
  after: readonly ProcReading[],
  names = new Map<number, string>(),
) {
  const was = new Map(before.map((p) => [p.pid, p]));
  const out: ProcCpu[] = [];
  for (const p of after) {
    const old = was.get(p.pid);
    const threads: [string, number][] = [...p.threads]
      .map(([name, t]): [string, number] => [name, (t - (old?.threads.get(name) ?? 0)) / USER_HZ])
      .filter(([, s]) => s > 0)
      .sort((a, b) => b[1] - a[1]);
    out.push({
      pid: p.pid,
      label: names.get(p.pid) ?? p.kind,
      seconds: (p.ticks - (old?.ticks ?? 0)) / USER_HZ,
      threads,
    });
  }
  return out.sort((a, b) => b.seconds - a.seconds);
}
