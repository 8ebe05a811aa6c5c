import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildLogBundle, logFilesInOrder, scrubSecrets } from './log-bundle';

describe('support log bundle', () => {
  it('bundles rotated logs oldest first and scrubs known secrets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'logs-'));
    writeFileSync(join(dir, 'engine.log'), '{"msg":"newest"}\n');
    writeFileSync(join(dir, 'engine.1.log'), '{"msg":"older","oops":"tok_abcdefgh12345"}\n');
    writeFileSync(join(dir, 'engine.2.log'), '{"msg":"oldest"}\n');
    expect(logFilesInOrder(dir).map((f) => f.split('/').pop())).toEqual(['engine.2.log', 'engine.1.log', 'engine.log']);
    const text = gunzipSync(buildLogBundle(dir, { version: '0.1.0' }, ['tok_abcdefgh12345'])).toString();
    expect(text).toContain('# version: 0.1.0');
    expect(text.indexOf('oldest')).toBeLessThan(text.indexOf('newest'));
    expect(text).not.toContain('tok_abcdefgh12345');
    expect(text).toContain('[redacted]');
  });
});

describe('secret scrubbing', () => {
  it('removes known values and secret-shaped text a module logged by mistake', () => {
    const line = JSON.stringify({
      msg: 'oops',
      seatToken: 'seat-tok-1234567890',
      nested: { password: 'p@ss "quoted" word', streamKey: 'sk_live_999' },
      webhook: 'signed with whsec_QUJDREVGR0hJSktMTU5PUA==',
      push: 'rtmp://push.example.com/live/sk_8842_secretpart?auth=1',
      header: 'Bearer abc.def-ghi',
    });
    const out = scrubSecrets(line, ['seat-tok-1234567890', 'short']);
    for (const leaked of ['seat-tok-1234567890', 'p@ss', 'sk_live_999', 'QUJDREVGR0hJSktMTU5PUA', 'sk_8842', 'abc.def'])
      expect(out, leaked).not.toContain(leaked);
    expect(out).toContain('rtmp://push.example.com/live/[redacted]');
    expect(JSON.parse(out).nested).toEqual({ password: '[redacted]', streamKey: '[redacted]' });
  });
});
