// Unit: when the panel applies queued frames — at once for quiet traffic, less and less often under a flood.
import { describe, expect, it } from 'vitest';
import { MAX_APPLY_INTERVAL_MS, MIN_APPLY_INTERVAL_MS, applyWait } from '../../src/panel/applySchedule';

describe('applyWait', () => {
  it('applies at once what arrives a while after the last apply', () => {
    expect(applyWait(MAX_APPLY_INTERVAL_MS, MIN_APPLY_INTERVAL_MS)).toEqual({ interval: MIN_APPLY_INTERVAL_MS, wait: 0 });
    expect(applyWait(MIN_APPLY_INTERVAL_MS, 5000)).toEqual({ interval: MIN_APPLY_INTERVAL_MS, wait: 0 });
  });
  it('under a flood doubles the wait from 250 ms up to 800 ms, so the newest frame never waits a second', () => {
    let interval = MIN_APPLY_INTERVAL_MS / 2;
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const next = applyWait(interval, 10);
      interval = next.interval;
      waits.push(next.wait);
    }
    expect(waits).toEqual([240, 490, 790, 790, 790]);
    expect(Math.max(...waits)).toBeLessThan(1000);
  });
});
