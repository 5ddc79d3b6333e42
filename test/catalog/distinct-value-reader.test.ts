import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDistinctValues } from '../../src/catalog/distinct-value-reader.js';
import { createConnector } from '../../src/connectors/connector-factory.js';
import type { Connector } from '../../src/connectors/connector.js';
import { getDialect } from '../../src/dialects/dialect-registry.js';

describe('distinct values of low-cardinality columns', () => {
  let directory: string;
  let connector: Connector;

  beforeAll(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-distinct-'));
    const instance = await DuckDBInstance.create(path.join(directory, 'orders.duckdb'));
    const connection = await instance.connect();
    // 30,000 rows: `status` has 3 values throughout; `region` has 3 in the first 10,000 rows and 40 overall.
    await connection.run(`CREATE TABLE orders AS SELECT i AS id,
      ['open', 'paid', 'shipped'][1 + i % 3] AS status,
      CASE WHEN i < 10000 THEN ['north', 'south', 'east'][1 + i % 3] ELSE 'region_' || (i % 40) END AS region,
      'customer_' || i AS customer
      FROM range(30000) t(i) ORDER BY i`);
    await connection.run("CREATE TABLE small AS SELECT i AS id, ['a', 'b'][1 + i % 2] AS kind FROM range(50) t(i)");
    connection.closeSync();
    instance.closeSync();
    connector = createConnector({ name: 'shop', kind: 'duckdb', description: 'Orders', connection: { database: path.join(directory, 'orders.duckdb') } });
  });

  afterAll(async () => {
    await connector.close();
    await fs.rm(directory, { recursive: true, force: true });
  });

  const tableNamed = async (name: string) => (await connector.introspect()).find((table) => table.name === name)!;

  it('lists a column only when its values are complete over the whole table, not just its first rows', async () => {
    const values = await readDistinctValues(connector, getDialect('duckdb'), await tableNamed('orders'), new Set(), 10_000);
    expect(values.get('status')).toEqual(['open', 'paid', 'shipped']);
    expect(values.has('region')).toBe(false);
    expect(values.has('customer')).toBe(false);
    expect((await readDistinctValues(connector, getDialect('duckdb'), await tableNamed('small'), new Set(), 10_000)).get('kind')).toEqual(['a', 'b']);
  });

  it('never reads PII columns, and scans no whole table on engines that bill by bytes scanned', async () => {
    expect((await readDistinctValues(connector, getDialect('duckdb'), await tableNamed('orders'), new Set(['status']), 10_000)).has('status')).toBe(false);
    const statements: string[] = [];
    const billed: Connector = Object.assign(Object.create(connector) as Connector, {
      capabilities: { ...connector.capabilities, bytesScanned: true },
      execute: (sql: string, options: Parameters<Connector['execute']>[1]) => {
        statements.push(sql);
        return connector.execute(sql, options);
      },
    });
    const values = await readDistinctValues(billed, getDialect('duckdb'), await tableNamed('orders'), new Set(), 10_000);
    expect(values.size).toBe(0);
    expect(statements.every((sql) => /LIMIT 10001/.test(sql))).toBe(true);
  });
});
