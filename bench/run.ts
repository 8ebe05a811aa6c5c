/**
 * `npm run bench [-- --quick] [-- name-filter]`: runs every bench/*.bench.ts, prints each result as a
 * ratio to its same-run baseline with absolute numbers for context, and writes docs/benchmarks.md and
 * docs/benchmarks.json so the recorded figures come from a script, never from hand edits.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchModule, type BenchResult, ratio } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const filters = args.filter((a) => !a.startsWith('--'));

// Benchmarks that open the console measure the current UI: build it first when sources are newer.
const built = spawnSync(process.execPath, [join(here, '..', 'scripts', 'ensure-renderer.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((flt) => f.includes(flt)))
  .sort();

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toPrecision(4));

const all: { file: string; results: BenchResult[]; error?: string }[] = [];
for (const file of files) {
  process.stdout.write(`\n# ${file}\n`);
  // One bench's writes (the clips bench writes gigabytes) must not be flushed during the next one's fsyncs.
  if (process.platform !== 'win32') spawnSync('sync', { stdio: 'ignore' });
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
    const results = await mod.default({ quick });
    for (const r of results) {
      const context = Object.entries(r.context ?? {})
        .map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v) : v}`)
        .join(' ');
      process.stdout.write(
        `${r.name}: ratio ${fmt(ratio(r))} (${fmt(r.value)} ${r.unit} vs ${r.baselineName} ${fmt(r.baseline)} ${r.unit}; ${r.better} is better) ${context}\n`,
      );
    }
    all.push({ file, results });
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stdout.write(`FAILED: ${message}\n`);
    all.push({ file, results: [], error: message });
  }
}

if (!quick && filters.length === 0) {
  const docs = join(here, '..', 'docs');
  const when = new Date().toISOString();
  writeFileSync(join(docs, 'benchmarks.json'), `${JSON.stringify({ when, runs: all }, null, 2)}\n`);
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${when} (${process.platform}, Node ${process.version}). Do not edit by hand.`,
    '',
    '| benchmark | ratio | value | baseline | context |',
    '|---|---|---|---|---|',
  ];
  for (const { file, results, error } of all) {
    if (error) lines.push(`| ${file} | failed | | | ${error.split('\n')[0]} |`);
    for (const r of results) {
      const context = Object.entries(r.context ?? {})
        .map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v) : v}`)
        .join(', ');
      lines.push(
        `| ${r.name} | ${fmt(ratio(r))} | ${fmt(r.value)} ${r.unit} | ${r.baselineName}: ${fmt(r.baseline)} ${r.unit} | ${context} |`,
      );
    }
  }
  writeFileSync(join(docs, 'benchmarks.md'), `${lines.join('\n')}\n`);
}
if (all.some((r) => r.error)) process.exitCode = 1;
