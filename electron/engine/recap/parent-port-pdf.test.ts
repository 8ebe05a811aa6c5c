/**
 * The engine's half of the desktop PDF path, against a fake parent port written for this test (Electron's
 * utilityProcess port cannot run here): requests are matched to replies by id, a failure is a clear
 * error, and a second render while one runs gets 429 instead of a second browser.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isPdfRequest, oneAtATime, type PdfRequest, parentPortPrinter } from './parent-port-pdf';

function fakeParentPort() {
  const toEngine = new EventEmitter();
  const sent: PdfRequest[] = [];
  return {
    sent,
    port: {
      postMessage: (m: unknown) => sent.push(m as PdfRequest),
      on: (_e: 'message', l: (event: { data: unknown }) => void) => toEngine.on('message', l),
    },
    reply: (data: unknown) => toEngine.emit('message', { data }),
  };
}

describe('PDF over the parent port', () => {
  it('matches replies to requests by id and reports a failed print in words', async () => {
    const fake = fakeParentPort();
    const print = parentPortPrinter(fake.port);
    const a = print('<p>a</p>');
    const b = print('<p>b</p>');
    expect(fake.sent.map((m) => [m.id, m.html, isPdfRequest(m)])).toEqual([
      [1, '<p>a</p>', true],
      [2, '<p>b</p>', true],
    ]);
    fake.reply({ type: 'pdf.printed', id: 2, pdf: new Uint8Array([0x25, 0x50, 0x44, 0x46]) });
    fake.reply({ type: 'pdf.printed', id: 1, error: 'window crashed' });
    expect((await b).toString('latin1')).toBe('%PDF');
    await expect(a).rejects.toMatchObject({ code: 'pdf_failed', message: expect.stringContaining('window crashed') });
  });

  it('gives up after the timeout', async () => {
    const print = parentPortPrinter(fakeParentPort().port, 20);
    await expect(print('<p/>')).rejects.toMatchObject({ code: 'pdf_failed', status: 504 });
  });

  it('runs one render at a time: the second gets 429 while the first runs, then renders again', async () => {
    let finish: (b: string) => void = () => undefined;
    const one = oneAtATime((html: string) => new Promise<string>((r) => (finish = () => r(html))));
    const first = one('a');
    await expect(one('b')).rejects.toMatchObject({ code: 'busy', status: 429 });
    finish('');
    expect(await first).toBe('a');
    const third = one('c');
    finish('');
    expect(await third).toBe('c');
  });
});
