/**
 * One action for support: every log file of the data folder, oldest first, in one gzip'd text file with
 * a header naming the version and platform. Logs are redacted when written; the bundle adds a second
 * pass over the known token values so none can leak even from a line a module wrote by mistake.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Log files in rotation order: engine.5.log ... engine.1.log, engine.log. */
export function logFilesInOrder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const rank = (name: string) => {
    const match = /\.(\d+)\.log$/.exec(name);
    return match ? -Number(match[1]) : 0;
  };
  return readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((f) => join(dir, f));
}

export function buildLogBundle(dir: string, header: Record<string, string>, secrets: readonly string[]): Buffer {
  const parts = [
    `# Maishou Studio support bundle\n${Object.entries(header)
      .map(([k, v]) => `# ${k}: ${v}`)
      .join('\n')}\n`,
  ];
  for (const file of logFilesInOrder(dir)) {
    parts.push(`\n# ---- ${file.split(/[\\/]/).pop()}\n`);
    parts.push(readFileSync(file, 'utf8'));
  }
  let text = parts.join('');
  for (const secret of secrets) if (secret.length >= 8) text = text.split(secret).join('[redacted]');
  return gzipSync(text);
}
