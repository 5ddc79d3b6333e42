import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCatalogSource } from '../../src/catalog/catalog-builder.js';
import { createConnector } from '../../src/connectors/connector-factory.js';
import { repairabilityOf } from '../../src/errors/error-codes.js';
import type { Connector } from '../../src/connectors/connector.js';
import type { TrinoConnection } from '../../src/connectors/trino/trino-connection-schema.js';
import { TrinoConnector, type TrinoConnectorOptions } from '../../src/connectors/trino/trino-connector.js';
import { SourceHandle } from '../../src/sources/source-handle.js';
import { startTrinoEmulator, type TrinoEmulator, type TrinoEmulatorOptions } from '../emulators/trino-emulator.js';
import { closedPort } from './closed-port.js';
import { expectSwitchyardError } from './conformance-expectations.js';

/*
 * Trino's client protocol as the connector speaks it, against the emulator: pages, cancellation with
 * DELETE, row caps, transactions, session properties, back-off, authentication and error mapping.
 */

const generous = { maxRows: 1000, timeoutMs: 30_000 };
const numbers = Array.from({ length: 20 }, (_unused, index) => `(${index + 1}, 'row ${index + 1}')`).join(', ');
const seed = ['CREATE TABLE numbers (n INTEGER, label VARCHAR)', `INSERT INTO numbers VALUES ${numbers}`];
const slowQuery = 'SELECT SUM(a.range * b.range) FROM range(1000000) a, range(1000000) b';

let emulator: TrinoEmulator | undefined;
const connectors: Connector[] = [];

afterEach(async () => {
  await Promise.all(connectors.splice(0).map((connector) => connector.close()));
  await emulator?.close();
  emulator = undefined;
});

async function start(options: Partial<TrinoEmulatorOptions> = {}): Promise<TrinoEmulator> {
  emulator = await startTrinoEmulator({ catalog: 'lake', schema: 'web', seed, ...options });
  return emulator;
}

function connect(connection: Partial<TrinoConnection> = {}, options: TrinoConnectorOptions = {}): TrinoConnector {
  const connector = new TrinoConnector(
    { name: 'warehouse', kind: 'trino', connection: { server: emulator!.server, user: 'reader', catalog: 'lake', schema: 'web', ...connection } },
    options,
  );
  connectors.push(connector);
  return connector;
}

/** Stands in for a TLS-terminating proxy: `https://trino.test:8443` goes to the emulator over http, with X-Forwarded-* headers. */
function throughTlsProxy(forwardedHost = 'trino.test:8443'): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    headers.set('X-Forwarded-Proto', 'https');
    headers.set('X-Forwarded-Host', forwardedHost);
    return fetch(new URL(`${url.pathname}${url.search}`, emulator!.server), { ...init, headers });
  };
}

/** Waits until the emulator has received a request that matches. */
async function requestSeen(test: (request: TrinoEmulator['requests'][number]) => boolean): Promise<void> {
  while (!emulator!.requests.some(test)) await new Promise((resolve) => setTimeout(resolve, 5));
}

const statementsPosted = () => emulator!.requests.filter((request) => request.method === 'POST').map((request) => request.body);
const pollsOf = (method: string) => emulator!.requests.filter((request) => request.method === method && request.path.startsWith('/v1/statement/'));

describe('Trino client protocol', () => {
  it('follows nextUri across many pages and converts every row', async () => {
    await start({ pageSize: 3 });
    const result = await connect({ readOnlyTransaction: false }).execute('SELECT n, label FROM numbers ORDER BY n', generous);
    expect(result.rows).toEqual(Array.from({ length: 20 }, (_unused, index) => [index + 1, `row ${index + 1}`]));
    expect(result.columns).toEqual([{ name: 'n', type: 'integer' }, { name: 'label', type: 'varchar' }]);
    expect(result.truncated).toBe(false);
    // One page of columns, seven of rows (20 at 3 a page), the last page.
    expect(pollsOf('GET').length).toBeGreaterThanOrEqual(9);
  });

  it('stops reading past maxRows, cancels the rest with a DELETE and reports truncated', async () => {
    await start({ pageSize: 3 });
    const result = await connect({ readOnlyTransaction: false }).execute('SELECT n FROM numbers ORDER BY n', { ...generous, maxRows: 4 });
    expect(result.rows).toEqual([[1], [2], [3], [4]]);
    expect(result.truncated).toBe(true);
    expect(emulator!.cancelledQueries).toHaveLength(1);
    expect(pollsOf('DELETE').map((request) => request.path)).toEqual([expect.stringContaining(emulator!.cancelledQueries[0]!)]);
    // Columns, two pages of rows, then the DELETE: the remaining five pages were never read.
    expect(pollsOf('GET')).toHaveLength(3);
  });

  it('runs each query in its own read-only transaction and rolls it back', async () => {
    await start();
    const connector = connect({ sessionProperties: { query_max_memory: '1GB' }, clientTags: ['switchyard', 'bi'] });
    await connector.execute('SELECT COUNT(*) FROM numbers', { maxRows: 10, timeoutMs: 5_000 });
    await connector.close();
    expect(statementsPosted()).toEqual(['START TRANSACTION READ ONLY', 'SELECT COUNT(*) FROM numbers', 'ROLLBACK']);
    const [start_, query, rollback] = emulator!.requests.filter((request) => request.method === 'POST');
    expect(start_?.headers['x-trino-transaction-id']).toBe('NONE');
    const transactionId = query?.headers['x-trino-transaction-id'];
    expect(transactionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(rollback?.headers['x-trino-transaction-id']).toBe(transactionId);
    expect(emulator!.openTransactions.size).toBe(0);
    expect(query?.headers).toMatchObject({
      'x-trino-user': 'reader',
      'x-trino-source': 'switchyard',
      'x-trino-catalog': 'lake',
      'x-trino-schema': 'web',
      'x-trino-time-zone': 'UTC',
      'x-trino-client-tags': 'switchyard,bi',
    });
    expect(String(query?.headers['x-trino-session'])).toMatch(/^query_max_memory=1GB,query_max_run_time=\d+ms$/);
    expect(query?.headers.authorization).toBeUndefined();
  });

  it('lets Trino refuse a write in the read-only transaction with its own error, and a SELECT-only user outside one', async () => {
    await start();
    const inTransaction = await expectSwitchyardError(connect().execute('DELETE FROM numbers', generous), 'SWY_ERR_QUERY_FAILED');
    expect(inTransaction.details).toMatchObject({ source: 'warehouse', engineCode: 'READ_ONLY_VIOLATION' });
    const plain = connect({ readOnlyTransaction: false });
    expect(plain.capabilities.readOnlyTransactions).toBe(false);
    const outside = await expectSwitchyardError(plain.execute('DELETE FROM numbers', generous), 'SWY_ERR_QUERY_FAILED');
    expect(outside.details).toMatchObject({ engineCode: 'PERMISSION_DENIED' });
  });

  it("maps Trino's user errors to repairable SWY_ERR_QUERY_FAILED with its message and errorName", async () => {
    await start();
    const connector = connect();
    const cases = [
      ['SELEC n FROM numbers', 'SYNTAX_ERROR', 'SELEC'],
      ['SELECT n FROM no_such_table', 'TABLE_NOT_FOUND', 'no_such_table'],
      ['SELECT no_such_column FROM numbers', 'COLUMN_NOT_FOUND', 'no_such_column'],
      ['SELECT 1; SELECT 2', 'SYNTAX_ERROR', "';'"],
    ] as const;
    for (const [sql, engineCode, mentioned] of cases) {
      const error = await expectSwitchyardError(connector.execute(sql, generous), 'SWY_ERR_QUERY_FAILED');
      expect(error.details).toMatchObject({ engineCode });
      expect(error.message).toContain(mentioned);
      expect(repairabilityOf(error.code)).toBe(true);
    }
  });

  it.each([
    ['once its pages are being read', (index: number) => index >= 0 && emulator!.requests.slice(index).some((request) => request.method === 'GET')],
    ['while its POST is on the way', (index: number) => index >= 0],
  ])('cancels a running query with a DELETE of its nextUri when the caller aborts %s', async (_when, ready) => {
    await start();
    const controller = new AbortController();
    const running = connect().execute(slowQuery, { maxRows: 10, timeoutMs: 60_000, signal: controller.signal });
    await requestSeen(() => ready(emulator!.requests.findIndex((request) => request.body === slowQuery)));
    controller.abort();
    await expectSwitchyardError(running, 'SWY_ERR_QUERY_CANCELLED');
    expect(emulator!.cancelledQueries).toHaveLength(1);
    expect(pollsOf('DELETE')).toHaveLength(1);
    await connectors[0]!.close();
    expect(statementsPosted().at(-1)).toBe('ROLLBACK');
  });

  it('sets query_max_run_time from the timeout, and cancels with a DELETE when the coordinator does not stop the query in time', async () => {
    await start({ enforceTimeLimits: false });
    const error = await expectSwitchyardError(connect({ readOnlyTransaction: false }).execute(slowQuery, { maxRows: 10, timeoutMs: 200 }), 'SWY_ERR_QUERY_TIMEOUT');
    expect(error.details).toEqual({ source: 'warehouse' });
    expect(emulator!.cancelledQueries).toHaveLength(1);
    const posted = emulator!.requests.find((request) => request.body === slowQuery);
    expect(Number(/query_max_run_time=(\d+)ms/.exec(String(posted?.headers['x-trino-session']))?.[1])).toBeLessThanOrEqual(200);
  });

  it('keeps integers past 2^53 exact and reads NaN and decimals as Trino writes them', async () => {
    await start();
    const result = await connect().execute("SELECT CAST(9007199254740993 AS BIGINT) AS big, CAST('NaN' AS DOUBLE) AS nan, CAST(12.50 AS DECIMAL(8,2)) AS price, 2.5 AS half", generous);
    expect(result.rows).toEqual([['9007199254740993', 'NaN', 12.5, 2.5]]);
    expect(result.columns.map((column) => column.type)).toEqual(['bigint', 'double', 'decimal(8,2)', 'decimal(2,1)']);
  });

  it('retries the 503 a gateway sends, with back-off, and reports the source unavailable when it persists', async () => {
    await start();
    emulator!.failNextRequests(2);
    await expect(connect({ readOnlyTransaction: false }).execute('SELECT 1', generous)).resolves.toMatchObject({ rows: [[1]] });
    expect(statementsPosted()).toEqual(['SELECT 1', 'SELECT 1', 'SELECT 1']);
    emulator!.failNextRequests(100);
    const error = await expectSwitchyardError(connect({ readOnlyTransaction: false }).execute('SELECT 1', generous), 'SWY_ERR_SOURCE_UNAVAILABLE');
    expect(error.message).toContain('HTTP 503');
  });

  it('sends the password with basic authentication over TLS, and never echoes it when refused', async () => {
    await start({ password: 'right-password' });
    const connector = connect({ server: 'https://trino.test:8443', password: 'right-password' }, { fetch: throughTlsProxy() });
    await expect(connector.execute('SELECT 1', generous)).resolves.toMatchObject({ rows: [[1]] });
    const posted = emulator!.requests.find((request) => request.method === 'POST');
    expect(posted?.headers.authorization).toBe(`Basic ${Buffer.from('reader:right-password').toString('base64')}`);
    const refused = connect({ server: 'https://trino.test:8443', password: 'wrong-password' }, { fetch: throughTlsProxy() });
    const error = await expectSwitchyardError(refused.execute('SELECT 1', generous), 'SWY_ERR_SOURCE_UNAVAILABLE');
    expect(error.message).toContain('connection.password');
    expect(JSON.stringify(error.toResponseBody())).not.toContain('wrong-password');
  });

  it('refuses a password over plain http at start-up, as Trino does', async () => {
    const attempt = () => createConnector({ name: 'warehouse', kind: 'trino', connection: { server: 'http://trino.test:8080', user: 'reader', password: 'secret', catalog: 'lake', schema: 'web' } });
    expect(attempt).toThrowError(expect.objectContaining({ code: 'SWY_ERR_CONFIG_INVALID', message: expect.stringContaining('https://') }));
  });

  it('never follows a nextUri to another server, where the credentials would go', async () => {
    await start({ password: 'right-password' });
    const connector = connect({ server: 'https://trino.test:8443', password: 'right-password' }, { fetch: throughTlsProxy('elsewhere.test:8443') });
    const error = await expectSwitchyardError(connector.execute('SELECT 1', generous), 'SWY_ERR_SOURCE_UNAVAILABLE');
    expect(error.message).toContain('connection.server');
    // The first answer already pointed elsewhere: nothing was requested there, or anywhere after.
    expect(emulator!.requests.map((request) => request.method)).toEqual(['POST']);
  });

  it('reports an unreachable or silent coordinator as SWY_ERR_SOURCE_UNAVAILABLE naming the setting to check', async () => {
    const closed = new TrinoConnector({ name: 'warehouse', kind: 'trino', connection: { server: `http://127.0.0.1:${await closedPort()}`, user: 'reader', catalog: 'lake', schema: 'web' } });
    connectors.push(closed);
    const refused = await expectSwitchyardError(closed.execute('SELECT 1', generous), 'SWY_ERR_SOURCE_UNAVAILABLE');
    expect(refused.message).toContain('ECONNREFUSED');
    expect(refused.message).toContain('connection.server');
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const waiting = new TrinoConnector({ name: 'warehouse', kind: 'trino', connection: { server: `http://127.0.0.1:${port}`, user: 'reader', catalog: 'lake', schema: 'web', connectTimeoutMs: 300 } });
      connectors.push(waiting);
      const timedOut = await expectSwitchyardError(waiting.execute('SELECT 1', generous), 'SWY_ERR_SOURCE_UNAVAILABLE');
      expect(timedOut.message).toContain('did not answer within 300 ms');
    } finally {
      silent.close();
    }
  });
});

describe('Trino federated catalogs', () => {
  const hr = {
    name: 'mysql',
    schema: 'hr',
    statements: [
      'CREATE TABLE employees (emp_no INTEGER, full_name VARCHAR)',
      "INSERT INTO employees VALUES (1, 'Ada'), (2, 'Grace')",
      "COMMENT ON TABLE employees IS 'People on the payroll'",
      "COMMENT ON COLUMN employees.full_name IS 'Given and family name'",
    ],
  };

  it('introspects the own schema unqualified and each federated catalog.schema fully qualified, with comments', async () => {
    await start({ otherCatalogs: [hr] });
    const tables = await connect({ federates: { hr: 'mysql.hr' } }).introspect();
    expect(tables.map((table) => table.name)).toEqual(['numbers', 'mysql.hr.employees']);
    const employees = tables[1]!;
    expect(employees.comment).toBe('People on the payroll');
    expect(employees.columns).toEqual([
      { name: 'emp_no', type: 'integer', nullable: true },
      { name: 'full_name', type: 'varchar', nullable: true, comment: 'Given and family name' },
    ]);
  });

  it('builds catalog entries for federated tables, sampling them by their qualified name', async () => {
    await start({ otherCatalogs: [hr] });
    const config = { name: 'warehouse', kind: 'trino' as const, description: 'Lake and HR through Trino', connection: { server: emulator!.server, user: 'reader', catalog: 'lake', schema: 'web', federates: { hr: 'mysql.hr' } } };
    const connector = createConnector(config);
    connectors.push(connector);
    const handle = new SourceHandle(config, connector, 10_000, { status: () => undefined, nextAttemptAt: () => undefined });
    const source = await buildCatalogSource(handle, undefined);
    const employees = source.tables.find((table) => table.name === 'mysql.hr.employees');
    expect(employees?.sampleRows).toEqual([[1, 'Ada'], [2, 'Grace']]);
    expect(statementsPosted()).toContain('SELECT "emp_no", "full_name" FROM "mysql"."hr"."employees" LIMIT 3');
  });
});
