/**
 * The report as PDF, headless: Chrome, Chromium or Edge (found per OS by browser.ts) run with
 * --print-to-pdf on the report written to a temp file. In the desktop app the engine asks the main
 * process instead (Electron's printToPDF, parent-port-pdf.ts). Without either the caller answers 501
 * saying what to install.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { browserEnv, browserFlags, findBrowser } from '../../../node-common/chromium';
import { StudioError } from '../../../shared/errors';

/** CHROMIUM_PATH, else Chrome, Chromium or Edge in the usual places of this OS; null when none. */
export const findChromium = (env: NodeJS.ProcessEnv = process.env): string | null => findBrowser(env);

export interface PdfOptions {
  chromium: string;
  timeoutMs?: number;
}

/** Renders a self-contained HTML page to PDF bytes. The temp folder (page, profile) is always removed. */
export async function htmlToPdf(html: string, options: PdfOptions): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'maishou-report-'));
  try {
    const page = join(dir, 'report.html');
    const out = join(dir, 'report.pdf');
    await writeFile(page, html, 'utf8');
    const args = [
      '--headless',
      ...browserFlags(),
      '--no-pdf-header-footer',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--print-to-pdf=${out}`,
      pathToFileURL(page).href,
    ];
    const env = browserEnv(dir);
    await new Promise<void>((resolve, reject) => {
      const child = spawn(options.chromium, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        if (stderr.length < 4_000) stderr += d.toString();
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (code === 0 && existsSync(out)) resolve();
        else
          reject(
            new StudioError('pdf_failed', `Chromium could not print the report (${signal ?? `exit ${code}`})`, {
              status: 500,
            }),
          );
      });
    });
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
