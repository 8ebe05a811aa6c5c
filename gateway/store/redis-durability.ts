/**
 * What a Redis server's persistence settings promise, checked when the gateway starts (issue 14, item 6).
 * The gateway acknowledges a batch once Redis has it; what survives a Redis restart or a power loss is up
 * to Redis's own settings, so the gateway reads them and refuses or warns instead of promising blindly:
 * - `always`: appendonly yes + appendfsync always. What gateway/README.md promises: nothing acknowledged is
 *   lost, even on power loss.
 * - `everysec`: appendonly with appendfsync everysec/no: a crash of the Redis host may lose the last second.
 * - `snapshots`: RDB `save` points only: a Redis crash loses everything since the last snapshot.
 * - `none`: neither: a Redis restart forgets every seq and id, so seqs restart at 1 and collide with what
 *   studios have applied. The gateway refuses to start on it unless told the room is a throwaway.
 * - `unknown`: CONFIG is not allowed (managed Redis): the gateway warns that it cannot check.
 */
export type RedisDurability = 'always' | 'everysec' | 'snapshots' | 'none' | 'unknown';

export function durabilityOf(config: Record<string, string>): RedisDurability {
  if (config.appendonly === 'yes') return config.appendfsync === 'always' ? 'always' : 'everysec';
  if (config.save !== undefined && config.save.trim() !== '') return 'snapshots';
  return 'none';
}

export const DURABILITY_ADVICE =
  'run Redis with `appendonly yes` and `appendfsync always` (redis.conf, or CONFIG SET then CONFIG REWRITE)';

/** The sentence to log or refuse with; null when Redis keeps what the gateway promises. */
export function durabilityProblem(level: RedisDurability): string | null {
  switch (level) {
    case 'always':
      return null;
    case 'everysec':
      return `Redis fsyncs its append-only file about once a second: a crash of the Redis host may lose the last second of acknowledged events; ${DURABILITY_ADVICE}`;
    case 'snapshots':
      return `Redis keeps only RDB snapshots: a Redis crash loses every acknowledged event since the last snapshot; ${DURABILITY_ADVICE}`;
    case 'none':
      return `Redis has no persistence (appendonly no, no save points): a Redis restart forgets every seq and dedupe id and studios would see seqs start again at 1; ${DURABILITY_ADVICE}`;
    case 'unknown':
      return `cannot read Redis's persistence settings (CONFIG GET refused); make sure it runs with appendonly yes and appendfsync always`;
  }
}
