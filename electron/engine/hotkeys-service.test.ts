/**
 * A hotkey another program holds reaches Settings: the desktop shell reports it over the parent port
 * (a fake port here, written for this test: Electron's cannot run), the engine puts it in the state
 * every seat receives; anything malformed is ignored.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StudioState } from '../../shared/contract';
import { createHotkeysService } from './hotkeys-service';
import { StateStore } from './state';

describe('hotkeys held by another program', () => {
  it('are put in the state from the shell report, and a malformed report changes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maishou-hotkeys-'));
    const state = new StateStore({ hotkeysTaken: [] } as unknown as StudioState);
    const port = new EventEmitter();
    createHotkeysService(dir, state, undefined, { on: (e, l) => port.on(e, l) });
    port.emit('message', { data: { type: 'hotkeys.status', taken: ['CommandOrControl+Shift+Right'] } });
    expect(state.slice('hotkeysTaken')).toEqual(['CommandOrControl+Shift+Right']);
    port.emit('message', { data: { type: 'hotkeys.status', taken: 'nope' } });
    port.emit('message', { data: { type: 'pdf.printed', id: 1 } });
    expect(state.slice('hotkeysTaken')).toEqual(['CommandOrControl+Shift+Right']);
    port.emit('message', { data: { type: 'hotkeys.status', taken: [] } });
    expect(state.slice('hotkeysTaken')).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});
