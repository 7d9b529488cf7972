import { describe, expect, it } from 'vitest';
import { runPackBench } from '../../bench/pack.js';

describe('bench/pack.ts in quick mode', () => {
  it('packs a tiny tree next to tar czf and reports comparable numbers', async () => {
    const result = await runPackBench({ quick: true });
    expect(result.tree.files).toBeGreaterThan(200);
    expect(result.ours.archiveBytes).toBeGreaterThan(0);
    expect(result.tarCzf.archiveBytes).toBeGreaterThan(0);
    expect(result.sizeRatio).toBeGreaterThan(0.9);
    expect(result.sizeRatio).toBeLessThan(1.1);
    expect(result.timeRatio).toBeGreaterThan(0);
  });
});
