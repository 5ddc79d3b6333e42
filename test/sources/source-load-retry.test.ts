import { afterEach, describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../src/sources/source-status.js';
import { SourceLoadRetry, sourceLoadRetryDelayMs } from '../../src/sources/source-load-retry.js';

function servedAs(healthy: boolean, error = 'connect ECONNREFUSED 127.0.0.1:5432'): { name: string; status: SourceStatus }[] {
  return [{ name: 'warehouse', status: healthy ? { healthy } : { healthy, error } }];
}

describe('sourceLoadRetryDelayMs', () => {
  it('doubles per attempt, never exceeds the maximum, and never drops below half its step', () => {
    const low = () => 0;
    const high = () => 0.999999;
    expect([0, 1, 2, 3].map((attempt) => sourceLoadRetryDelayMs(attempt, 100, 10_000, high))).toEqual([100, 200, 400, 800]);
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const step = Math.min(10_000, 100 * 2 ** attempt);
      expect(sourceLoadRetryDelayMs(attempt, 100, 10_000, high)).toBeLessThanOrEqual(10_000);
      expect(sourceLoadRetryDelayMs(attempt, 100, 10_000, low)).toBeGreaterThanOrEqual(step / 2);
    }
    expect(sourceLoadRetryDelayMs(1000, 100, 10_000, high)).toBe(10_000);
  });
});

describe('SourceLoadRetry', () => {
  let retry: SourceLoadRetry | undefined;
  afterEach(() => retry?.close());

  it('brings a reload forward once per outage: pings of a server whose load keeps failing keep to the backoff', async () => {
    let reloads = 0;
    retry = new SourceLoadRetry({
      baseMs: 60_000,
      maxMs: 60_000,
      logger: { warn: () => undefined, info: () => undefined },
      reload: async () => {
        reloads += 1;
      },
    });
    retry.observe(servedAs(false));
    for (let ping = 0; ping < 5; ping += 1) {
      retry.hurry('warehouse');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(reloads).toBe(1);
    expect(retry.nextAttemptAt('warehouse')).toBeGreaterThan(Date.now() + 20_000);
  });

  it('reloads a failed source with bounded backoff until it loads, logging once per state change', async () => {
    const warnings: object[] = [];
    const infos: object[] = [];
    const reloads: number[] = [];
    let failuresLeft = 4;
    retry = new SourceLoadRetry({
      baseMs: 5,
      maxMs: 20,
      logger: { warn: (object) => warnings.push(object), info: (object) => infos.push(object) },
      reload: async () => {
        reloads.push(Date.now());
        failuresLeft -= 1;
        // The catalog hands the load state of each snapshot it serves to the retry, as the registry does.
        retry!.observe(servedAs(failuresLeft <= 0));
      },
    });
    retry.observe(servedAs(false));
    expect(retry.nextAttemptAt('warehouse')).toBeGreaterThan(Date.now() - 1);
    const deadline = Date.now() + 3000;
    while (retry.nextAttemptAt('warehouse') !== undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));

    expect(retry.nextAttemptAt('warehouse')).toBeUndefined();
    expect(reloads).toHaveLength(4);
    expect(warnings).toEqual([expect.objectContaining({ source: 'warehouse', error: 'connect ECONNREFUSED 127.0.0.1:5432' })]);
    expect(infos).toEqual([expect.objectContaining({ source: 'warehouse', failedAttempts: 4 })]);
    // Snapshots that still show it down while a retry is pending start no second chain.
    retry.observe(servedAs(false));
    retry.observe(servedAs(false));
    expect(warnings).toHaveLength(2);
  });

  it('stops retrying once closed', async () => {
    let reloads = 0;
    retry = new SourceLoadRetry({ baseMs: 5, maxMs: 5, logger: { warn: () => undefined, info: () => undefined }, reload: async () => void (reloads += 1) });
    retry.observe(servedAs(false));
    retry.close();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(reloads).toBe(0);
    expect(retry.nextAttemptAt('warehouse')).toBeUndefined();
  });
});
