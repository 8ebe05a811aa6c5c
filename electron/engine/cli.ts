/**
 * Headless engine entry (PROTOCOL.md F): `npm run studio -- --headless ...`. Prints one JSON ready line
 * on stdout; SIGTERM/SIGINT close cleanly. Also the entry Electron's utilityProcess runs, where the ready
 * info goes to the parent over process.parentPort instead of stdout.
 */
import { startEngine } from './engine';
import { OptionsError, parseEngineArgs, USAGE } from './options';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

/**
 * The last resort: a fault nobody caught (a full disk in some corner, a library's stray callback) is
 * logged and the engine keeps serving. Restarting would only loop mid-show on the same fault, and every
 * acknowledged event is already durable or still at the gateway.
 */
let lastResortLog: ((error: unknown, what: string) => void) | null = null;
let lastResortCount = 0;
const lastResort = (what: string) => (error: unknown) => {
  lastResortCount++;
  if (lastResortCount > 1000 && lastResortCount % 1000 !== 0) return; // a storm is summarised, not echoed
  try {
    if (lastResortLog) {
      lastResortLog(error, what);
      return;
    }
  } catch {
    return; // nothing left to tell it to
  }
  // Not serving yet: fail the start loudly (the shell shows why) rather than hang without a ready line.
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
};
process.on('uncaughtException', lastResort('uncaught exception (engine keeps serving)'));
process.on('unhandledRejection', lastResort('unhandled rejection (engine keeps serving)'));

async function main(): Promise<void> {
  let options: ReturnType<typeof parseEngineArgs>;
  try {
    options = parseEngineArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof OptionsError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const lan = process.env.MAISHOU_LAN_ADDRESSES?.split(',').filter(Boolean);
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  const engine = await startEngine({
    ...options,
    ...(lan ? { lanAddresses: () => lan } : {}),
    ...(parentPort ? { parentPort } : {}),
  });
  if (parentPort) parentPort.postMessage(engine.ready);
  else process.stdout.write(`${JSON.stringify(engine.ready)}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    engine.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    engine.close().then(
      () => process.exit(0),
      (error) => {
        engine.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  // the desktop shell asks over the parent port on quit (a utilityProcess gets no SIGTERM on Windows)
  parentPort?.on('message', (event) => {
    if ((event.data as { type?: string })?.type === 'shutdown') shutdown('quit');
  });
  process.once('SIGINT', () => shutdown('SIGINT'));
  lastResortLog = (error, what) => engine.logger.error({ err: error, count: lastResortCount }, what);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
