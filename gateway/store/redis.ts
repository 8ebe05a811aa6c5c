/**
 * Redis store: seq, dedupe keys and replay history live in Redis, so any gateway node may ingest for any
 * room. One Lua script per batch makes dedupe + seq assignment + append atomic (Redis runs scripts one at a
 * time), so two nodes ingesting into one room at once still get consecutive, gap-free seqs.
 * Durability is Redis's: run it with `appendonly yes` and `appendfsync always` for "durable before the 200"
 * to hold across a power loss (on Redis >= 7.2 WAITAOF could be added after the script). `connect` reads the
 * settings and refuses a Redis without persistence, warning for weaker ones (redis-durability.ts).
 */
import type { Logger } from 'pino';
import pino from 'pino';
import { createClient } from 'redis';
import type { InboundEvent, LiveEvent } from '../../shared/events';
import { DEFAULT_RETENTION, dedupeWindowMs, type RetentionOptions } from '../config';
import { throttledLog } from '../throttled-log';
import { durabilityOf, durabilityProblem, type RedisDurability } from './redis-durability';
import { type CommitResult, type GatewayStore, liveEvent } from './types';

// ARGV: receivedAt, (unused), maxEvents, dedupe key prefix, then (id, dedupe ttl ms, body-after-seq) triples.
// Bodies are spliced as text after `{"seq":N,` so payloads are never re-encoded by Lua's cjson (which
// would print large integers in float notation).
const COMMIT_SCRIPT = `
local seqKey, evKey = KEYS[1], KEYS[2]
local maxEvents, prefix = tonumber(ARGV[3]), ARGV[4]
local seq = tonumber(redis.call('GET', seqKey) or '0')
local first = seq
local out = {}
for i = 5, #ARGV, 3 do
  if redis.call('SET', prefix .. ARGV[i], '1', 'NX', 'PX', ARGV[i + 1]) then
    seq = seq + 1
    redis.call('ZADD', evKey, seq, '{"seq":' .. seq .. ',' .. ARGV[i + 2])
    out[#out + 1] = seq
  else
    out[#out + 1] = 0
  end
end
if seq > first then
  redis.call('SET', seqKey, seq)
  redis.call('ZREMRANGEBYSCORE', evKey, '-inf', seq - maxEvents)
end
return out
`;

const makeClient = (url: string) =>
  createClient({
    url,
    // Without this, node-redis queues commands while Redis is away and a webhook waits instead of getting
    // a 503 (platforms retry; memory grows). With it, commands fail at once while disconnected.
    disableOfflineQueue: true,
    socket: { connectTimeout: 5_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) },
  });
type Client = ReturnType<typeof makeClient>;

export interface RedisStoreOptions {
  logger?: Logger;
  /** Start even when Redis has no persistence at all (a throwaway demo room). Default false: refuse. */
  allowVolatile?: boolean;
}

const keys = (room: string) => ({
  seq: `maishou:gw:{${room}}:seq`,
  events: `maishou:gw:{${room}}:events`,
  idPrefix: `maishou:gw:{${room}}:id:`,
});

export class RedisStore implements GatewayStore {
  private constructor(
    private readonly client: Client,
    private readonly retention: RetentionOptions,
  ) {}

  static async connect(
    url: string,
    retention: RetentionOptions = DEFAULT_RETENTION,
    options: RedisStoreOptions = {},
  ): Promise<RedisStore> {
    const logger = options.logger ?? pino({ level: 'silent' });
    const client = makeClient(url);
    watchErrors(client, logger, 'store');
    await client.connect();
    const level = await readDurability(client);
    const problem = durabilityProblem(level);
    if (level === 'none' && !options.allowVolatile) {
      await client.close();
      throw new Error(`refusing to start: ${problem} (or pass --allow-volatile-redis for a throwaway room)`);
    }
    if (problem) logger.warn({ durability: level }, problem);
    else logger.info({ durability: level }, 'redis persistence: appendonly, fsync always');
    return new RedisStore(client, retention);
  }

  async commit(room: string, events: readonly InboundEvent[], receivedAt: number): Promise<CommitResult> {
    const k = keys(room);
    const args = [String(receivedAt), '', String(this.retention.maxEvents), k.idPrefix];
    const tails: string[] = [];
    for (const event of events) {
      const tail = JSON.stringify({ v: 1, room, receivedAt, ...event }).slice(1);
      tails.push(tail);
      args.push(event.id, String(dedupeWindowMs(event.kind, this.retention)), tail);
    }
    const seqs = (await this.client.eval(COMMIT_SCRIPT, { keys: [k.seq, k.events], arguments: args })) as number[];
    const accepted: LiveEvent[] = [];
    let duplicates = 0;
    seqs.forEach((seq, i) => {
      if (Number(seq) === 0) duplicates++;
      else accepted.push(liveEvent(room, Number(seq), receivedAt, events[i]));
    });
    return { accepted, duplicates };
  }

  async readAfter(room: string, afterSeq: number, limit: number): Promise<LiveEvent[]> {
    const rows = await this.client.zRangeByScore(keys(room).events, `(${afterSeq}`, '+inf', {
      LIMIT: { offset: 0, count: limit },
    });
    return rows.map((r) => JSON.parse(String(r)) as LiveEvent);
  }

  async bounds(room: string): Promise<{ head: number; oldest: number | null }> {
    const k = keys(room);
    const [head, oldest] = await Promise.all([this.client.get(k.seq), this.client.zRangeWithScores(k.events, 0, 0)]);
    return { head: head ? Number(head) : 0, oldest: oldest.length > 0 ? Number(oldest[0].score) : null };
  }

  /** Age-based trimming (count-based trimming happens in every commit; dedupe keys expire by TTL). */
  async prune(now: number): Promise<void> {
    const cutoff = now - this.retention.maxAgeMs;
    let cursor = '0';
    do {
      const page = await this.client.scan(cursor, { MATCH: 'maishou:gw:{*}:events', COUNT: 100 });
      cursor = String(page.cursor);
      for (const key of page.keys) {
        for (;;) {
          const oldest = await this.client.zRange(key, 0, 999);
          let stale = 0;
          for (const row of oldest) {
            if ((JSON.parse(String(row)) as LiveEvent).receivedAt < cutoff) stale++;
            else break;
          }
          if (stale > 0) await this.client.zRemRangeByRank(key, 0, stale - 1);
          if (stale < 1000) break;
        }
      }
    } while (cursor !== '0');
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
  }

  /** A second connection for the socket.io adapter's pub/sub; its errors are logged like the store's. */
  duplicateClient(logger: Logger, name: string): Client {
    const client = this.client.duplicate();
    watchErrors(client, logger, name);
    return client;
  }
}

/** Redis errors are logged (throttled: a reconnect loop fails every few hundred ms), never swallowed. */
function watchErrors(client: Client, logger: Logger, name: string): void {
  // warn, not error: the gateway handles an outage by design (503 + Retry-After, reconnect by itself).
  const log = throttledLog(logger, 'warn');
  client.on('error', (err: Error) => log(name, { err: err.message, client: name }, 'redis connection error'));
  client.on('ready', () => logger.info({ client: name }, 'redis connected'));
}

async function readDurability(client: Client): Promise<RedisDurability> {
  try {
    const config: Record<string, string> = {};
    for (const key of ['appendonly', 'appendfsync', 'save']) Object.assign(config, await client.configGet(key));
    return durabilityOf(config);
  } catch {
    return 'unknown';
  }
}
