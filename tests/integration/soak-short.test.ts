/**
 * The short form of the show-day soak (tests/soak): a 1-hour show at 100x through a real standalone
 * gateway and a real headless engine, with every fault of the long run (network drops, engine SIGKILL,
 * gateway SIGKILL and SIGTERM, Redis under the gateway SIGKILLed for 3 s, a 10x chat burst, a flash sale, redeliveries, out-of-order batches, real OBS
 * killed and restarted). Memory is reported here and asserted by the long run (`npm run soak`).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SHORT, summarize } from '../soak/run';
import { runSoak } from '../soak/soak';

const hasObs = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v obs && command -v Xvfb'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('show-day soak, short form', () => {
  it('survives every fault with every acknowledged order once and figures equal to the pure computation', async () => {
    const result = await runSoak({ ...SHORT, obs: hasObs, console: false, enforceMemory: false });
    console.log(summarize(result));
    expect(result.failures).toEqual([]);
    expect(result.orders.missing + result.orders.duplicated + result.orders.extra).toBe(0);
    expect(result.figures.differences).toEqual([]);
    expect(result.logErrors).toEqual([]);
    expect(result.faults.map((f) => f.note)).not.toContain('FAILED');
    expect(result.faults.map((f) => f.name)).toContain('Redis SIGKILL, 3 s outage, restart');
    expect(result.driver.duplicateResends).toBeGreaterThan(0);
    expect(result.driver.outOfOrderBatches).toBeGreaterThan(0);
  }, 300_000);
});
