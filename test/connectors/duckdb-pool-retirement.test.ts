import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbConnectionPool, isPoolStopped } from '../../src/connectors/duckdb/duckdb-connection-pool.js';

/*
 * An instance whose state could not be restored is retired: the statement running on it finishes, but
 * nothing queued may start on it any more (its callers are retried on the instance that replaced it).
 */
describe('retiring a DuckDB connection pool', () => {
  let instance: DuckDBInstance;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
  });
  afterAll(() => instance.closeSync());

  it('lets the running statement finish and fails the queued ones without starting them', async () => {
    const pool = new DuckDbConnectionPool(instance, 1, async () => undefined, async () => true);
    let releaseRunning: () => void = () => undefined;
    const running = pool.use(undefined, async () => {
      await new Promise<void>((resolve) => (releaseRunning = resolve));
      return 'finished';
    });
    let queuedStarted = false;
    const queued = pool.use(undefined, async () => {
      queuedStarted = true;
      return 'started';
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    pool.stopAdmitting();
    const later = pool.use(undefined, async () => 'started');
    releaseRunning();
    await expect(running).resolves.toBe('finished');
    const outcomes = await Promise.allSettled([queued, later]);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect(isPoolStopped((outcome as PromiseRejectedResult).reason)).toBe(true);
    }
    expect(queuedStarted).toBe(false);
    await pool.drain();
  });
});
