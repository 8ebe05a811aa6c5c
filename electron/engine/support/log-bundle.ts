/**
 * One action for support: every log file of the data folder, oldest first, in one gzip'd text file with
 * a header naming the version and platform. Logs are redacted when written; the bundle adds a second
 * pass so none can leak even from a line a module wrote by mistake: every known secret value (control,
 * overlay and seat tokens, the gateway read token, the OBS password, the stream key) and anything shaped
 * like one (a `whsec_` webhook secret, a JSON field named like a secret, an RTMP address's key part).
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
  return gzipSync(scrubSecrets(parts.join(''), secrets));
}

const SHAPES: [RegExp, string][] = [
  [/whsec_[A-Za-z0-9+/=_-]+/g, 'whsec_[redacted]'],
  [
    /("(?:token|controlToken|overlayToken|password|streamKey|key|secret|secrets|readTokens|authorization)"\s*:\s*)("(?:[^"\\]|\\.)*"|\[[^\]]*\])/gi,
    '$1"[redacted]"',
  ],
  [/(rtmps?:\/\/[^\s"/]+\/[^\s"/]+\/)[^\s"]+/g, '$1[redacted]'],
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, '$1[redacted]'],
];

/** Removes every known secret value (8+ characters) and everything shaped like a secret. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  // longest first, so a secret that contains another is removed whole
  for (const secret of [...new Set(secrets)].sort((a, b) => b.length - a.length))
    if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  for (const [shape, replacement] of SHAPES) out = out.replace(shape, replacement);
  return out;
}
