import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/connectors/connector.js';
import { createConnector } from '../../src/connectors/connector-factory.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';

// Hours of work for DuckDB unless interrupted: a 10^18-row cross join feeding an aggregate.
const endlessScan = 'SELECT sum(a.range * b.range) FROM range(1000000000) a, range(1000000000) b';
// Liveness bounds, far above what the statements need; they catch a hang, not slowness.
const livenessBoundMs = 20_000;

/** The code a statement failed with, and when it settled. */
async function settle(promise: Promise<unknown>, startedAt: number): Promise<{ code: string; afterMs: number }> {
  try {
    await promise;
    return { code: 'answered', afterMs: performance.now() - startedAt };
  } catch (error) {
    return { code: SwitchyardError.isInstance(error) ? error.code : String(error), afterMs: performance.now() - startedAt };
  }
}

describe('DuckDB statements and waits for a connection end by their deadline', () => {
  let directory: string;
  let database: string;
  let connector: Connector;

  beforeAll(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-duckdb-deadline-'));
    database = path.join(directory, 'numbers.duckdb');
    const instance = await DuckDBInstance.create(database);
    const connection = await instance.connect();
    await connection.run('CREATE TABLE numbers AS SELECT range AS n FROM range(10)');
    connection.closeSync();
    instance.closeSync();
  });

  afterEach(async () => {
    await connector.close();
  });

  afterAll(async () => {
    await fs.rm(directory, { recursive: true, force: true });
  });

  const open = () => {
    connector = createConnector({ name: 'numbers', kind: 'duckdb', description: 'Deadline check', connection: { database } });
    return connector;
  };

  it('answers six concurrent endless scans on a pool of three with timeouts, however early the interrupt lands', async () => {
    const source = open();
    await source.ping();
    const startedAt = performance.now();
    // A 1 ms timeout fires before the statement has started, where a single interrupt is lost.
    const timeouts = [1, 1, 1, 150, 150, 150];
    const outcomes = await Promise.all(
      timeouts.map((timeoutMs) => settle(source.execute(endlessScan, { maxRows: 10, timeoutMs }), startedAt)),
    );
    expect(outcomes.map((outcome) => outcome.code)).toEqual(Array(6).fill('SWY_ERR_QUERY_TIMEOUT'));
    expect(performance.now() - startedAt).toBeLessThan(livenessBoundMs);
    expect((await source.execute('SELECT count(*) FROM numbers', { maxRows: 10, timeoutMs: 5_000 })).rows).toEqual([[10]]);
    const closingAt = performance.now();
    await source.close();
    expect(performance.now() - closingAt).toBeLessThan(livenessBoundMs);
  });

  it('times out a request still waiting for a connection, and one that gave up never takes one later', async () => {
    const source = open();
    const holders = new AbortController();
    const startedAt = performance.now();
    const running = [1, 2, 3].map(() =>
      settle(source.execute(endlessScan, { maxRows: 10, timeoutMs: 600_000, signal: holders.signal }), startedAt),
    );
    const queuedTimeout = await settle(source.execute('SELECT count(*) FROM numbers', { maxRows: 10, timeoutMs: 200 }), startedAt);
    expect(queuedTimeout.code).toBe('SWY_ERR_QUERY_TIMEOUT');
    expect(queuedTimeout.afterMs).toBeLessThan(livenessBoundMs);

    const cancelled = new AbortController();
    const queuedCancel = settle(source.execute('SELECT count(*) FROM numbers', { maxRows: 10, timeoutMs: 600_000, signal: cancelled.signal }), startedAt);
    setTimeout(() => cancelled.abort(), 100);
    expect((await queuedCancel).code).toBe('SWY_ERR_QUERY_CANCELLED');

    holders.abort();
    expect((await Promise.all(running)).map((outcome) => outcome.code)).toEqual(Array(3).fill('SWY_ERR_QUERY_CANCELLED'));
    // Had a waiter that gave up kept its place, it would now hold a slot nobody frees: three more must all run.
    const afterwards = await Promise.all(
      [1, 2, 3, 4].map(() => source.execute('SELECT count(*) FROM numbers', { maxRows: 10, timeoutMs: 5_000 })),
    );
    expect(afterwards.map((result) => result.rows)).toEqual(Array(4).fill([[10]]));
  });

  it('interrupts running statements and fails waiting ones when the source closes', async () => {
    const source = open();
    await source.ping();
    const startedAt = performance.now();
    const statements = [1, 2, 3, 4].map(() => settle(source.execute(endlessScan, { maxRows: 10, timeoutMs: 600_000 }), startedAt));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const closingAt = performance.now();
    await source.close();
    expect(performance.now() - closingAt).toBeLessThan(livenessBoundMs);
    expect((await Promise.all(statements)).map((outcome) => outcome.code)).toEqual(Array(4).fill('SWY_ERR_SOURCE_UNAVAILABLE'));
  });
});
