/**
 * Standalone gateway (PROTOCOL.md G):
 *   npm run gateway -- --config FILE [--port N] [--data-dir DIR] [--redis URL] [--host H] [--allow-volatile-redis]
 * Prints `{ "ready": true, "url": "http://127.0.0.1:N" }` when listening; SIGTERM/SIGINT close gracefully
 * (in-flight batches finish and are acknowledged, then the store closes).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../node-common/log';
import { fromZodError } from '../shared/errors';
import { configFileSchema } from './config';
import { startGateway } from './gateway';

function fail(message: string): never {
  process.stderr.write(`gateway: ${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    redis: { type: 'string' },
    'allow-volatile-redis': { type: 'boolean' },
  },
  strict: true,
});

if (!values.config) fail('--config FILE is required');
let raw: unknown;
try {
  raw = JSON.parse(readFileSync(values.config, 'utf8'));
} catch (error) {
  fail(`cannot read ${values.config}: ${(error as Error).message}`);
}
const parsed = configFileSchema.safeParse(raw);
if (!parsed.success) fail(`invalid config: ${fromZodError(parsed.error).message}`);
const port = values.port === undefined ? 8787 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be 0..65535');

const logger = createLogger({ name: 'gateway', stderrLevel: process.env.MAISHOU_LOG_LEVEL ?? 'warn' });
let gateway: Awaited<ReturnType<typeof startGateway>>;
try {
  gateway = await startGateway({
    host: values.host ?? '127.0.0.1',
    port,
    dataDir: values.redis ? undefined : resolve(values['data-dir'] ?? 'gateway-data'),
    redisUrl: values.redis,
    // The order queue (rooms with an order API) lives on this node's disk, Redis or not.
    queueDir: resolve(values['data-dir'] ?? 'gateway-data'),
    allowVolatileRedis: values['allow-volatile-redis'],
    rooms: parsed.data.rooms,
    retention: parsed.data.retention,
    logger,
  });
} catch (error) {
  fail((error as Error).message);
}
process.stdout.write(`${JSON.stringify({ ready: true, url: gateway.url })}\n`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    gateway.close().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'close failed');
        process.exit(1);
      },
    );
  });
}
