/**
 * A damaged ledger with no healthy backup, through a real headless engine: it starts anyway (no restart
 * loop), keeps the damaged file exactly where it was, records nothing, and says so with what to do on
 * /status and the ledger routes. A restart does not quietly begin an empty ledger either.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusResponse } from '../../shared/contract';
import { type EngineProcess, startEngineProcess } from '../harness/engine';

let engine: EngineProcess | null = null;
let dataDir = '';

afterEach(async () => {
  await engine?.dispose();
  engine = null;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('an engine over a damaged ledger with no backup', () => {
  it('starts, keeps the file, refuses to record and says what to do', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'maishou-damaged-'));
    // Bytes where a database should be: SQLITE_NOTADB.
    const damaged = Buffer.alloc(16_384, 0x5a);
    writeFileSync(join(dataDir, 'ledger.sqlite'), damaged);
    engine = await startEngineProcess({ dataDir });
    for (let run = 0; run < 2; run++) {
      if (run === 1) await engine.restart();
      const status = (await (await engine.api('/status')).json()) as StatusResponse;
      expect(status.storage.ledgerProblem).toMatch(/damaged .* no healthy backup/);
      expect(status.storage.ledgerProblem).toMatch(/recover/);
      expect(status.gateway.connected).toBe(false);
      const sessions = await engine.api('/sessions');
      expect(sessions.status).toBe(503);
      expect(((await sessions.json()) as { error: { code: string } }).error.code).toBe('ledger_damaged');
      const refused = await engine.api('/sessions/start', { method: 'POST', body: '{}' });
      expect(refused.status).toBe(503);
      expect(readFileSync(join(dataDir, 'ledger.sqlite')).equals(damaged)).toBe(true);
    }
  }, 180_000);
});
