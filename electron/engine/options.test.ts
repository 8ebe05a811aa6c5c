import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, defaultDataDir, OptionsError, parseEngineArgs } from './options';

describe('engine options', () => {
  it('defaults to the demo room on the documented port', () => {
    const o = parseEngineArgs(['--headless'], { XDG_CONFIG_HOME: '/tmp/x' });
    expect(o.port).toBe(DEFAULT_PORT);
    expect(o.host).toBe('127.0.0.1');
    expect(o.gateway).toEqual({ kind: 'demo' });
    expect(o.dataDir).toBe('/tmp/x/maishou-studio');
    expect(o.obs).toBeNull();
  });

  it('takes a remote gateway and OBS', () => {
    const o = parseEngineArgs(
      [
        '--headless',
        '--port',
        '0',
        '--gateway',
        'http://127.0.0.1:9000',
        '--room',
        'r1',
        '--token',
        't',
        '--obs=ws://127.0.0.1:4455',
        '--obs-password',
        'pw',
      ],
      {},
    );
    expect(o.port).toBe(0);
    expect(o.gateway).toEqual({ kind: 'remote', url: 'http://127.0.0.1:9000', room: 'r1', token: 't' });
    expect(o.obs).toEqual({ url: 'ws://127.0.0.1:4455', password: 'pw' });
  });

  it('refuses bad input with a clear message', () => {
    const bad: [string[], RegExp][] = [
      [['--port', 'abc'], /--port/],
      [['--port', '70000'], /--port/],
      [['--gateway', 'http://x'], /--room and --token/],
      [['--demo', '--gateway', 'http://x', '--room', 'r', '--token', 't'], /cannot be combined/],
      [['--obs', 'localhost'], /ws:\/\//],
      [['--obs-password', 'p'], /needs --obs/],
      [['--bogus'], /Unknown option/],
      [['--port'], /needs a value/],
      [['--demo-speed', '500'], /1\.\.100/],
    ];
    for (const [argv, message] of bad) expect(() => parseEngineArgs(argv, {}), argv.join(' ')).toThrow(message);
    expect(() => parseEngineArgs(['--bogus'], {})).toThrow(OptionsError);
  });

  it('follows each platform for the data folder', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('Maishou Studio');
    expect(defaultDataDir({ MAISHOU_DATA_DIR: '/d' }, 'linux')).toBe('/d');
  });
});
