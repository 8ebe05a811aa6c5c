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

  it('takes --bridges-only: no gateway, no simulator, only local bridges', () => {
    expect(parseEngineArgs(['--headless', '--bridges-only'], {}).gateway).toEqual({ kind: 'local' });
    expect(parseEngineArgs(['--headless', '--demo'], {}).gateway).toEqual({ kind: 'demo' });
  });

  it('refuses bad input with a clear message', () => {
    const bad: [string[], RegExp][] = [
      [['--port', 'abc'], /--port/],
      [['--port', '70000'], /--port/],
      [['--gateway', 'http://x'], /--room and --token/],
      [['--demo', '--gateway', 'http://x', '--room', 'r', '--token', 't'], /cannot be combined/],
      [['--bridges-only', '--demo'], /--demo and --bridges-only cannot be combined/],
      [['--bridges-only', '--gateway', 'http://x', '--room', 'r', '--token', 't'], /cannot be combined/],
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

  it('takes the gateway token and OBS password from a file or the environment, off the command line', () => {
    const files: Record<string, string> = {
      '/run/secrets/gw': 'tok-from-file\n',
      '/run/secrets/obs': 'obs-pw\r\nignored\n',
    };
    const readFile = (p: string) => {
      if (!(p in files)) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return files[p];
    };
    const base = ['--headless', '--gateway', 'http://gw:8080', '--room', 'r1'];
    const fromFile = parseEngineArgs(
      [
        ...base,
        '--token-file',
        '/run/secrets/gw',
        '--obs',
        'ws://127.0.0.1:4455',
        '--obs-password-file',
        '/run/secrets/obs',
      ],
      {},
      readFile,
    );
    expect(fromFile.gateway).toEqual({ kind: 'remote', url: 'http://gw:8080', room: 'r1', token: 'tok-from-file' });
    expect(fromFile.obs).toEqual({ url: 'ws://127.0.0.1:4455', password: 'obs-pw' });
    const fromEnv = parseEngineArgs([...base, '--obs', 'ws://127.0.0.1:4455'], {
      MAISHOU_GATEWAY_TOKEN: 'tok-env',
      MAISHOU_OBS_PASSWORD: 'pw-env',
    });
    expect(fromEnv.gateway).toMatchObject({ token: 'tok-env' });
    expect(fromEnv.obs?.password).toBe('pw-env');
    // the command line still wins; the variable alone does not switch away from the demo room
    expect(parseEngineArgs([...base, '--token', 'cli'], { MAISHOU_GATEWAY_TOKEN: 'env' }).gateway).toMatchObject({
      token: 'cli',
    });
    expect(parseEngineArgs(['--headless'], { MAISHOU_GATEWAY_TOKEN: 'env' }).gateway).toEqual({ kind: 'demo' });
    expect(() => parseEngineArgs([...base, '--token-file', '/missing'], {}, readFile)).toThrow(
      /cannot read \/missing \(ENOENT\)/,
    );
    expect(() => parseEngineArgs([...base, '--token', 'a', '--token-file', '/run/secrets/gw'], {}, readFile)).toThrow(
      /not both/,
    );
    expect(() => parseEngineArgs([...base], {})).toThrow(/--gateway needs --room and --token/);
  });
});
