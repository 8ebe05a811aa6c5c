// `npm start`: the desktop window with the engine when Electron's binary is installed; otherwise a clear
// explanation and the headless engine with the demo room, whose console opens in any browser.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const run = (cmd, cmdArgs) => spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' }).status ?? 1;

const binary = electronBinary();
if (binary && !args.includes('--headless')) {
  const status = run(process.execPath, [
    join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
    'build',
  ]);
  if (status !== 0) process.exit(status);
  const vite = run(process.execPath, [
    join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
    'build',
    '--config',
    'vite.node.config.ts',
    '--logLevel',
    'warn',
  ]);
  if (vite !== 0) process.exit(vite);
  const child = spawn(binary, ['.', ...args], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!binary) {
    process.stderr.write(
      [
        '',
        'Electron 的程序文件没有安装，所以无法打开桌面窗口；改为启动无界面引擎，请在浏览器中打开下面的地址。',
        'The Electron binary is not installed (its installer downloads it from GitHub, which this machine',
        'cannot reach), so the desktop window cannot open. Starting the headless engine with the demo room',
        'instead: open the URL below in any browser. To get the window, download Electron from a mirror,',
        'e.g. `ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npx install-electron`, or point',
        'ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron, then run `npm start` again.',
        '',
      ].join('\n'),
    );
  }
  if (run(process.execPath, [join(root, 'scripts', 'ensure-renderer.mjs')]) !== 0) process.exit(1);
  const engineArgs = args.filter((a) => a !== '--headless');
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      '--import',
      'tsx',
      join(root, 'electron', 'engine', 'cli.ts'),
      '--headless',
      ...engineArgs,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let buffer = '';
  let announced = false;
  child.stdout.on('data', (chunk) => {
    buffer += chunk.toString();
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf('\n');
      try {
        const ready = JSON.parse(line);
        if (ready.ready && !announced) {
          announced = true;
          process.stdout.write(
            `\n买手直播台已启动 / Maishou Studio is running\n\n  主播控制台 Host console:  ${ready.url}/live#token=${ready.controlToken}\n  控制 API 令牌 Control token: ${ready.controlToken}\n\n按 Ctrl+C 退出 / Press Ctrl+C to stop.\n`,
          );
          continue;
        }
      } catch {
        // not JSON: pass through
      }
      process.stdout.write(`${line}\n`);
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill('SIGTERM'));
  child.on('exit', (code) => process.exit(code ?? 0));
}
