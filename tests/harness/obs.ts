/**
 * Real OBS for tests: Debian's OBS 29 under its own Xvfb display, with obs-websocket 5 enabled on a free
 * port with a random password, in a throw-away config home. Everything started here is tracked by pid and
 * killed by `stop()` (and at process exit by process.ts).
 *
 * Traps this avoids (see TOOLCHAIN.md): `--multi` (a stale lock opens an "already running" dialog),
 * `[General] FirstRun=true` (otherwise the auto-configuration wizard opens as a modal dialog and
 * StartStream answers OK but never starts), obs-websocket settings in global.ini (the plugin's json is
 * ignored on first load), LIBGL_ALWAYS_SOFTWARE=1 for screenshots and recording under Xvfb.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { freePort, spawnTracked, type Tracked, waitFor } from './process';

export interface ObsHarnessOptions {
  /** Websocket password; random when omitted. */
  password?: string;
  /** Start OBS at all (false: only the display and config, for "OBS not running" tests). */
  startObs?: boolean;
  /** Base canvas and output size; small by default to spare the two shared cores. */
  baseSize?: [number, number];
  outputSize?: [number, number];
  fps?: number;
  /** Simple-output video bitrate in kbps. */
  videoBitrate?: number;
  /**
   * Record with the advanced output's own x264 encoder, a keyframe every this many seconds (live
   * platforms ask 1-2 s); unset: the simple output's "Small" quality (x264's automatic interval, ~8 s).
   */
  recordKeyframeSec?: number;
}

export interface ObsHarness {
  /** ws://127.0.0.1:PORT */
  url: string;
  port: number;
  password: string;
  /** pid of the running OBS (0 while stopped). */
  readonly pid: number;
  /** X display, e.g. ":99" */
  display: string;
  /** XDG_CONFIG_HOME given to OBS (obs-studio/ inside). */
  configHome: string;
  /** Where OBS writes recordings. */
  recordingDir: string;
  /** Stops OBS and Xvfb and removes the temp dir. */
  stop(): Promise<void>;
  /** SIGKILLs OBS only (a crash, from the websocket's point of view); Xvfb stays. */
  kill(): Promise<void>;
  /** Starts OBS again (after kill, or kills first) with the same port, password and config. */
  restart(): Promise<void>;
  /** Starts OBS if it is not running. */
  start(): Promise<void>;
  /** PNG of the Xvfb display, for debugging a dialog that blocks OBS. */
  screenshot(file: string): Promise<void>;
  /** OBS's output so far (its log goes to stdout with --verbose off: warnings and errors). */
  output(): string;
}

const PROFILE = 'Harness';

/** Temp dirs of harnesses not stopped yet: removed at exit even when a test run dies half-way. */
const liveRoots = new Set<string>();
process.once('exit', () => {
  for (const root of liveRoots) rmSync(root, { recursive: true, force: true });
});
const COLLECTION = 'Harness';

/** Starts Xvfb on a free display; resolves once it accepts clients (-displayfd says so). */
async function startXvfb(): Promise<{ tracked: Tracked; display: string }> {
  const tracked = spawnTracked('Xvfb', ['-displayfd', '3', '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const fd3 = tracked.child.stdio[3] as Readable;
  const number = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb gave no display: ${tracked.output()}`)), 15_000);
    fd3.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes('\n')) {
        clearTimeout(timer);
        resolve(buffer.trim());
      }
    });
    tracked.child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited ${code}: ${tracked.output()}`));
    });
  });
  fd3.destroy();
  return { tracked, display: `:${number}` };
}

function writeConfig(
  configHome: string,
  o: Required<Omit<ObsHarnessOptions, 'startObs' | 'recordKeyframeSec'>> & {
    port: number;
    recordingDir: string;
    recordKeyframeSec?: number;
  },
) {
  const obsDir = join(configHome, 'obs-studio');
  const profileDir = join(obsDir, 'basic', 'profiles', PROFILE);
  mkdirSync(profileDir, { recursive: true });
  mkdirSync(join(obsDir, 'basic', 'scenes'), { recursive: true });
  // FirstRun=true means "the first run is done" (no wizard).
  writeFileSync(
    join(obsDir, 'global.ini'),
    [
      '[General]',
      'FirstRun=true',
      'LastVersion=486539266',
      'EnableAutoUpdates=false',
      'ConfirmOnExit=false',
      '',
      '[BasicWindow]',
      'WarnBeforeStartingStream=false',
      'WarnBeforeStoppingStream=false',
      'WarnBeforeStoppingRecord=false',
      'SysTrayEnabled=false',
      'ShowWhatsNew=false',
      '',
      '[Basic]',
      `Profile=${PROFILE}`,
      `ProfileDir=${PROFILE}`,
      `SceneCollection=${COLLECTION}`,
      `SceneCollectionFile=${COLLECTION}`,
      '',
      '[OBSWebSocket]',
      'FirstLoad=false',
      'ServerEnabled=true',
      `ServerPort=${o.port}`,
      'AlertsEnabled=false',
      'AuthRequired=true',
      `ServerPassword=${o.password}`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(profileDir, 'basic.ini'),
    [
      '[General]',
      `Name=${PROFILE}`,
      '',
      '[Video]',
      `BaseCX=${o.baseSize[0]}`,
      `BaseCY=${o.baseSize[1]}`,
      `OutputCX=${o.outputSize[0]}`,
      `OutputCY=${o.outputSize[1]}`,
      'FPSType=1',
      `FPSInt=${o.fps}`,
      '',
      '[Output]',
      `Mode=${o.recordKeyframeSec ? 'Advanced' : 'Simple'}`,
      '',
      ...(o.recordKeyframeSec
        ? [
            '[AdvOut]',
            'RecType=Standard',
            `RecFilePath=${o.recordingDir}`,
            'RecFormat=mkv',
            'RecEncoder=obs_x264',
            'RecTracks=1',
            'RecUseRescale=false',
            'Encoder=obs_x264',
            'TrackIndex=1',
            '',
          ]
        : []),
      '[SimpleOutput]',
      `FilePath=${o.recordingDir}`,
      'RecFormat=mkv',
      `VBitrate=${o.videoBitrate}`,
      'ABitrate=96',
      'StreamEncoder=x264',
      'RecQuality=Small',
      'RecEncoder=x264',
      'Preset=ultrafast',
      '',
      '[Audio]',
      'SampleRate=48000',
      'ChannelSetup=Stereo',
      '',
    ].join('\n'),
  );
  if (o.recordKeyframeSec) {
    writeFileSync(
      join(profileDir, 'recordEncoder.json'),
      JSON.stringify({ rate_control: 'CRF', crf: 30, preset: 'ultrafast', keyint_sec: o.recordKeyframeSec }),
    );
  }
  // A collection with one empty scene and no audio devices (none exist under Xvfb; PulseAudio probing is slow).
  writeFileSync(
    join(obsDir, 'basic', 'scenes', `${COLLECTION}.json`),
    JSON.stringify({
      name: COLLECTION,
      current_scene: 'Scene',
      current_program_scene: 'Scene',
      scene_order: [{ name: 'Scene' }],
      sources: [
        {
          id: 'scene',
          versioned_id: 'scene',
          name: 'Scene',
          uuid: '9f1d4b6e-0000-4000-8000-000000000001',
          settings: { items: [], id_counter: 0, custom_size: false },
          mixers: 0,
          flags: 0,
          enabled: true,
        },
      ],
      groups: [],
      transitions: [],
      current_transition: 'Fade',
      transition_duration: 300,
      DesktopAudioDevice1: undefined,
      AuxAudioDevice1: undefined,
    }),
  );
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts Xvfb and OBS; resolves when OBS's websocket port accepts connections. */
export async function startObs(options: ObsHarnessOptions = {}): Promise<ObsHarness> {
  const root = mkdtempSync(join(tmpdir(), 'maishou-obs-'));
  liveRoots.add(root);
  const configHome = join(root, 'config');
  const recordingDir = join(root, 'recordings');
  mkdirSync(recordingDir, { recursive: true });
  for (const sub of ['cache', 'data', 'runtime']) mkdirSync(join(root, sub), { recursive: true, mode: 0o700 });
  const port = await freePort();
  const password = options.password ?? randomBytes(12).toString('hex');
  writeConfig(configHome, {
    password,
    port,
    recordingDir,
    baseSize: options.baseSize ?? [640, 360],
    outputSize: options.outputSize ?? [640, 360],
    fps: options.fps ?? 30,
    videoBitrate: options.videoBitrate ?? 600,
    recordKeyframeSec: options.recordKeyframeSec,
  });

  const xvfb = await startXvfb();
  let obs: Tracked | undefined;
  let previousOutput = '';

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DISPLAY: xvfb.display,
    XDG_CONFIG_HOME: configHome,
    XDG_CACHE_HOME: join(root, 'cache'),
    XDG_DATA_HOME: join(root, 'data'),
    XDG_RUNTIME_DIR: join(root, 'runtime'),
    HOME: root,
    LIBGL_ALWAYS_SOFTWARE: '1',
    QT_QPA_PLATFORM: 'xcb',
    // No PulseAudio here: OBS would otherwise try (and time out) connecting to a sound server.
    PULSE_SERVER: 'unix:/nonexistent',
  };

  const launch = async () => {
    if (obs && obs.child.exitCode === null && obs.child.signalCode === null) return;
    if (obs) previousOutput += obs.output();
    const child = spawnTracked(
      'obs',
      ['--multi', '--disable-missing-files-check', '--profile', PROFILE, '--collection', COLLECTION],
      {
        env,
        cwd: root,
      },
    );
    obs = child;
    try {
      await waitFor(
        async () => {
          if (child.child.exitCode !== null) throw new Error(`OBS exited with ${child.child.exitCode}`);
          return portOpen(port);
        },
        { timeoutMs: 45_000, intervalMs: 200, what: `OBS websocket on port ${port}` },
      );
    } catch (error) {
      const shot = join(tmpdir(), `maishou-obs-fail-${Date.now()}.png`);
      await screenshot(shot).catch(() => undefined);
      await child.kill();
      throw new Error(`${String(error)}\nscreenshot: ${shot}\nOBS output:\n${child.output().slice(-3000)}`);
    }
  };

  const screenshot = (file: string) =>
    new Promise<void>((resolve, reject) => {
      execFile(
        'ffmpeg',
        [
          '-loglevel',
          'error',
          '-y',
          '-f',
          'x11grab',
          '-video_size',
          '1920x1080',
          '-i',
          xvfb.display,
          '-frames:v',
          '1',
          file,
        ],
        (error) => (error ? reject(error) : resolve()),
      );
    });

  const killObs = async () => {
    if (obs) await obs.kill();
  };

  const harness: ObsHarness = {
    url: `ws://127.0.0.1:${port}`,
    port,
    password,
    get pid() {
      return obs && obs.child.exitCode === null && obs.child.signalCode === null ? obs.pid : 0;
    },
    display: xvfb.display,
    configHome,
    recordingDir,
    async stop() {
      try {
        if (obs) await obs.stop(3_000);
      } finally {
        await xvfb.tracked.stop(2_000);
        rmSync(root, { recursive: true, force: true });
        liveRoots.delete(root);
      }
    },
    kill: killObs,
    async restart() {
      await killObs();
      await launch();
    },
    start: launch,
    screenshot,
    output: () => previousOutput + (obs?.output() ?? ''),
  };

  if (options.startObs !== false) {
    try {
      await launch();
    } catch (error) {
      await xvfb.tracked.stop(2_000);
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
  }
  return harness;
}
