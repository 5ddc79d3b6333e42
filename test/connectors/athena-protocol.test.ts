import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AthenaConnector } from '../../src/connectors/athena/athena-connector.js';
import { startAthenaEmulator, type AthenaEmulator } from '../emulators/athena-emulator.js';
import { createTableStatements, insertStatements } from './conformance-sql.js';
import { expectSwitchyardError } from './conformance-expectations.js';
import { tableRecords } from './conformance-dataset.js';

// The Athena-specific parts of the protocol that the shared suite does not look at.
describe('Athena connector over the AWS JSON 1.1 emulator', () => {
  let emulator: AthenaEmulator;
  let connector: AthenaConnector;
  const limits = { maxRows: 100, timeoutMs: 30_000 };

  beforeAll(async () => {
    process.env['AWS_ACCESS_KEY_ID'] = 'AKIAEMULATOR';
    process.env['AWS_SECRET_ACCESS_KEY'] = 'emulator-secret';
    emulator = await startAthenaEmulator({ database: 'tickit', seed: [...createTableStatements('duckdb'), ...insertStatements('duckdb')], pageSize: 2 });
    connector = new AthenaConnector({
      name: 'legal_lake',
      kind: 'athena',
      connection: { database: 'tickit', region: 'us-east-1', endpoint: emulator.endpoint, pollIntervalMs: 5, maxPollIntervalMs: 20 },
    });
  });

  afterAll(async () => {
    await connector.close();
    await emulator.close();
  });

  it('waits through QUEUED and RUNNING, pages with NextToken and drops the header row', async () => {
    const before = emulator.calls.length;
    const result = await connector.execute('SELECT salesid, pricepaid FROM sales ORDER BY salesid', limits);
    expect(result.rows).toEqual(tableRecords('sales').map((row) => [row['salesid'], Number(row['pricepaid'])]));
    const calls = emulator.calls.slice(before);
    expect(calls[0]).toBe('StartQueryExecution');
    // 1 header + 6 rows in pages of 2 rows: 4 pages.
    expect(calls.filter((call) => call === 'GetQueryResults')).toHaveLength(4);
    const states = [...emulator.reportedStates.values()].at(-1);
    expect(states?.slice(0, 2)).toEqual(['QUEUED', 'RUNNING']);
    expect(states?.at(-1)).toBe('SUCCEEDED');
  });

  it('reports the bytes the query scanned', async () => {
    const result = await connector.execute("SELECT catname FROM category WHERE catgroup = 'Concerts' ORDER BY catid", limits);
    expect(result.rows).toEqual([['Pop'], ['Jazz']]);
    expect(result.bytesScanned).toBe(Buffer.byteLength('PopJazz'));
  });

  it("carries a FAILED query's StateChangeReason verbatim for the repair loop", async () => {
    const error = await expectSwitchyardError(connector.execute('SELECT no_such_column FROM sales', limits), 'SWY_ERR_QUERY_FAILED');
    expect(error.message).toMatch(/^Binder Error: .*no_such_column/);
    expect(error.details).toEqual({ source: 'legal_lake', engineCode: 'FAILED' });
  });

  it('stops the query with StopQueryExecution when it times out', async () => {
    await expectSwitchyardError(
      connector.execute('SELECT SUM(a.range * b.range) FROM range(1000000) a, range(1000000) b', { maxRows: 1, timeoutMs: 100 }),
      'SWY_ERR_QUERY_TIMEOUT',
    );
    expect(emulator.calls.at(-1)).toBe('StopQueryExecution');
    expect([...emulator.reportedStates.values()].at(-1)).not.toContain('SUCCEEDED');
  });
});
