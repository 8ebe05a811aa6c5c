/**
 * `npm run soak` — the show-day soak (tests/soak/soak.ts) from the command line.
 *   npm run soak                  a 4-hour show at 100x (144 s of show) with every fault, real OBS, console heap
 *   npm run soak -- --short       the CI form: a 1-hour show (36 s) with the same faults, memory only reported
 *   npm run soak -- --minutes 480 --speed 100 [--no-obs] [--no-console] [--out FILE]
 * Writes the result as JSON (default docs/soak.json, read by scripts/results.ts) and exits 1 on failure.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../harness/engine';
import { runSoak, type SoakResult } from './soak';

export const SHORT = { showMinutes: 60, speed: 100 } as const;
export const FULL = { showMinutes: 240, speed: 100 } as const;

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function summarize(r: SoakResult): string {
  const mb = (b: number | null) => (b === null ? 'n/a' : `${(b / 1024 / 1024).toFixed(1)} MB`);
  return [
    `soak ${r.passed ? 'PASSED' : 'FAILED'} in ${r.realSeconds} s: ${r.actualShowMinutes} show minutes (planned ${r.options.showMinutes}) at ${r.options.speed}x`,
    `events: ${r.events.sent} sent, ${r.events.acknowledged} acknowledged, gateway head seq ${r.events.gatewayHead}`,
    `driver: ${r.driver.batches} batches, ${r.driver.retries} retries, ${r.driver.networkErrors} network errors, ${r.driver.duplicateResends} redeliveries (${r.driver.duplicateEventsAcked} duplicate events acked), ${r.driver.outOfOrderBatches} out-of-order`,
    `orders: ${r.orders.expectedInWindow} expected, ${r.orders.inExport} exported, missing ${r.orders.missing}, duplicated ${r.orders.duplicated}, extra ${r.orders.extra}`,
    `figures equal to the pure computation: ${r.figures.equal}${r.figures.differences.length ? ` (${r.figures.differences.join(', ')})` : ''}`,
    ...r.faults.map(
      (f) => `fault @${f.atShowMinute} min ${f.name}: recovered in ${f.recoveryMs} ms${f.note ? ` (${f.note})` : ''}`,
    ),
    `engine RSS: baseline ${mb(r.memory.engineRss.baseline)}, end ${mb(r.memory.engineRss.end)}, growth ${mb(r.memory.engineRss.growth)}, peak ${mb(r.memory.engineRss.peak)}; gateway peak ${mb(r.memory.gatewayRssPeak)}`,
    `console JS heap: baseline ${mb(r.memory.consoleHeap.baseline)}, end ${mb(r.memory.consoleHeap.end)}, growth ${mb(r.memory.consoleHeap.growth)}${r.memory.consoleHeap.note ? ` (${r.memory.consoleHeap.note})` : ''}`,
    `log errors: ${r.logErrors.length} (full-disk phase, expected: ${r.fullDiskErrorLines ?? 0})`,
    ...r.logErrors.slice(0, 5).map((l) => `  ${l}`),
    ...r.failures.map((f) => `FAIL: ${f}`),
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      short: { type: 'boolean', default: false },
      minutes: { type: 'string' },
      speed: { type: 'string' },
      'no-obs': { type: 'boolean', default: false },
      'no-console': { type: 'boolean', default: false },
      out: { type: 'string' },
    },
    strict: true,
  });
  const base = values.short ? SHORT : FULL;
  const showMinutes = values.minutes ? Number(values.minutes) : base.showMinutes;
  const speed = values.speed ? Number(values.speed) : base.speed;
  if (!(showMinutes > 0) || !(speed > 0)) throw new Error('--minutes and --speed must be positive numbers');
  const obs = !values['no-obs'] && hasCommand('obs') && hasCommand('Xvfb');
  const result = await runSoak({
    showMinutes,
    speed,
    obs,
    console: !values['no-console'],
    enforceMemory: !values.short,
    log: (line) => process.stderr.write(`[soak] ${line}\n`),
  });
  result.command = `npm run soak -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, '');
  const out = values.out ?? join(REPO_ROOT, 'docs', values.short ? 'soak-short.json' : 'soak.json');
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${summarize(result)}\nwritten ${out}\n`);
  process.exit(result.passed ? 0 : 1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`soak crashed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
