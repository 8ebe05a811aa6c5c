/**
 * Writes docs/results.md from the latest machine-written figures, never by hand:
 *   docs/soak.json        <- `npm run soak` (tests/soak/run.ts)
 *   docs/soak-short.json  <- `npm run soak -- --short`
 *   docs/benchmarks.json  <- `npm run bench` (bench/run.ts, which also writes docs/benchmarks.md)
 * `node --import tsx scripts/results.ts [--run-soak] [--run-bench]` runs those first.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SoakResult } from '../tests/soak/soak';

const root = resolve(import.meta.dirname, '..');
const docs = join(root, 'docs');
const args = process.argv.slice(2);
const npm = (script: string[]) => execFileSync('npm', ['run', ...script], { cwd: root, stdio: 'inherit' });

if (args.includes('--run-bench')) npm(['bench']);
if (args.includes('--run-soak')) {
  try {
    npm(['soak']);
  } catch {
    // a failed soak still writes its result, which the results page shows as failed
  }
}

const mb = (b: number | null | undefined) => (b == null ? 'n/a' : `${(b / 1024 / 1024).toFixed(1)} MB`);
const readJson = <T>(file: string): T | null =>
  existsSync(join(docs, file)) ? (JSON.parse(readFileSync(join(docs, file), 'utf8')) as T) : null;

function soakSection(title: string, file: string, command: string): string[] {
  const r = readJson<SoakResult>(file);
  if (!r) return [`## ${title}`, '', `Not run yet: \`${command}\` writes docs/${file}.`, ''];
  const f = r.figures.engine as Record<string, { amount?: number } | number | null>;
  const money = (k: string) => {
    const v = f[k] as { amount: number } | null;
    return v ? `¥${(v.amount / 100).toFixed(2)}` : 'n/a';
  };
  return [
    `## ${title}`,
    '',
    `Command: \`${r.command || command}\` — run ${r.startedAt}, ${r.realSeconds} s real, ${r.actualShowMinutes} show minutes at ${r.options.speed}x (planned ${r.options.showMinutes}); result **${r.passed ? 'passed' : 'FAILED'}**.`,
    '',
    '| figure | value |',
    '|---|---|',
    `| events sent / acknowledged / gateway head seq | ${r.events.sent} / ${r.events.acknowledged} / ${r.events.gatewayHead} |`,
    `| webhook batches, retries, network errors | ${r.driver.batches}, ${r.driver.retries}, ${r.driver.networkErrors} |`,
    `| redeliveries (duplicate events acknowledged, emitted once) | ${r.driver.duplicateResends} (${r.driver.duplicateEventsAcked}) |`,
    `| out-of-order batches | ${r.driver.outOfOrderBatches} |`,
    `| paid orders acknowledged in window / in export / missing / duplicated / extra | ${r.orders.expectedInWindow} / ${r.orders.inExport} / ${r.orders.missing} / ${r.orders.duplicated} / ${r.orders.extra} |`,
    `| figures equal to the pure computation (shared/metrics) | ${r.figures.equal ? 'yes, every key' : `no: ${r.figures.differences.join(', ')}`} |`,
    `| paid GMV / refunds / orders / buyers | ${money('paidGmv')} / ${money('refunds')} / ${f.orders} / ${f.buyers} |`,
    `| refund anomalies recorded (refused over-refunds, refunds before payment) | ${r.anomalies} |`,
    `| error lines in engine and gateway logs | ${r.logErrors.length} |`,
    `| engine RSS baseline → end (growth) / peak | ${mb(r.memory.engineRss.baseline)} → ${mb(r.memory.engineRss.end)} (${mb(r.memory.engineRss.growth)}) / ${mb(r.memory.engineRss.peak)} |`,
    `| gateway RSS peak | ${mb(r.memory.gatewayRssPeak)} |`,
    `| console JS heap after GC, baseline → end (growth) | ${mb(r.memory.consoleHeap.baseline)} → ${mb(r.memory.consoleHeap.end)} (${mb(r.memory.consoleHeap.growth)})${r.memory.consoleHeap.note ? ` ${r.memory.consoleHeap.note}` : ''} |`,
    `| engine state snapshot size baseline → end | ${r.memory.engineStateBytes.baseline ?? 'n/a'} → ${r.memory.engineStateBytes.end ?? 'n/a'} bytes |`,
    `| memory limits (${r.options.enforceMemory ? 'asserted' : 'reported only'}) | engine RSS growth ≤ ${mb(r.memory.limits.engineRssGrowthBytes)}, peak ≤ ${mb(r.memory.limits.enginePeakRssBytes)}, console heap growth ≤ ${mb(r.memory.limits.consoleHeapGrowthBytes)}: ${r.memory.withinLimits ? 'within' : 'OVER'} |`,
    '',
    '| fault | at show minute | recovered in |',
    '|---|---|---|',
    ...r.faults.map(
      (x) => `| ${x.name}${x.note ? ` (${x.note})` : ''} | ${x.atShowMinute} | ${(x.recoveryMs / 1000).toFixed(1)} s |`,
    ),
    '',
    ...(r.failures.length ? ['Failures:', '', ...r.failures.map((x) => `- ${x}`), ''] : []),
  ];
}

function benchSection(): string[] {
  const b = readJson<{
    when: string;
    runs: {
      file: string;
      results: { name: string; value: number; baseline: number; unit: string; better: string; baselineName: string }[];
      error?: string;
    }[];
  }>('benchmarks.json');
  if (!b)
    return [
      '## Benchmarks',
      '',
      'Not run yet: `npm run bench` writes docs/benchmarks.json and docs/benchmarks.md.',
      '',
    ];
  const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toPrecision(4));
  return [
    '## Benchmarks',
    '',
    `Command: \`npm run bench\` — run ${b.when}. Ratios against a baseline measured in the same run (details: benchmarks.md).`,
    '',
    '| benchmark | value | baseline | ratio |',
    '|---|---|---|---|',
    ...b.runs.flatMap((run) =>
      run.error
        ? [`| ${run.file} | FAILED | | |`]
        : run.results.map(
            (r) =>
              `| ${r.name} | ${fmt(r.value)} ${r.unit} (${r.better} is better) | ${r.baselineName} ${fmt(r.baseline)} ${r.unit} | ${fmt(r.baseline === 0 ? Number.NaN : r.value / r.baseline)} |`,
          ),
    ),
    '',
  ];
}

const lines = [
  '# Results',
  '',
  'Written by `node --import tsx scripts/results.ts` from the files the soak and the benchmarks write; do not edit by hand.',
  '',
  ...soakSection('Show-day soak (4-hour show at 100x)', 'soak.json', 'npm run soak'),
  ...soakSection('Show-day soak, short form (CI)', 'soak-short.json', 'npm run soak -- --short'),
  ...benchSection(),
];
writeFileSync(join(docs, 'results.md'), `${lines.join('\n')}\n`);
process.stdout.write(`written ${join(docs, 'results.md')}\n`);
