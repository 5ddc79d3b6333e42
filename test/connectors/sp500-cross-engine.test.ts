import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/connectors/connector.js';
import { createConnector } from '../../src/connectors/connector-factory.js';
import { probeService, sharedPath } from '../helpers/services.js';

// Real data: 619,040 daily S&P 500 prices. PostgreSQL and DuckDB must agree on aggregate answers,
// which checks value conversion (dates, bigints, doubles, NULLs) end to end at realistic volume.
const csvPath = sharedPath('data', 'sp500', 'all_stocks_5yr.csv.gz');
const administration = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' };
const batchSize = 25_000;

const aggregateQueries = [
  'SELECT COUNT(*) AS row_count, COUNT(DISTINCT name) AS symbols, MIN(date) AS first_day, MAX(date) AS last_day FROM stocks',
  'SELECT name, SUM(volume) AS total_volume FROM stocks GROUP BY name ORDER BY total_volume DESC, name LIMIT 5',
  'SELECT EXTRACT(YEAR FROM date) AS year, COUNT(*) AS days, MAX(high) AS top FROM stocks GROUP BY 1 ORDER BY 1',
  'SELECT COUNT(*) AS missing_open FROM stocks WHERE open IS NULL',
  "SELECT name, MIN(low) AS low, MAX(high) AS high, MAX(date) AS last_day FROM stocks WHERE name IN ('AAPL', 'AMZN', 'GOOGL') GROUP BY name ORDER BY name",
];

/** Loads the CSV into a new PostgreSQL table in batches of array parameters (unnest). */
async function loadIntoPostgres(client: pg.Client, path: string): Promise<number> {
  await client.query(
    'CREATE TABLE stocks (date date NOT NULL, open double precision, high double precision, low double precision, close double precision, volume bigint, name varchar(8) NOT NULL)',
  );
  const lines = zlib.gunzipSync(fs.readFileSync(path)).toString('utf8').split('\n').slice(1).filter((line) => line.length > 0);
  const nullable = (text: string | undefined) => (text === undefined || text === '' ? null : text);
  for (let start = 0; start < lines.length; start += batchSize) {
    const columns: (string | null)[][] = [[], [], [], [], [], [], []];
    for (const line of lines.slice(start, start + batchSize)) {
      line.split(',').forEach((field, index) => columns[index]?.push(nullable(field)));
    }
    await client.query(
      `INSERT INTO stocks SELECT * FROM unnest($1::date[], $2::float8[], $3::float8[], $4::float8[], $5::float8[], $6::int8[], $7::varchar[])`,
      columns,
    );
  }
  return lines.length;
}

describe('S&P 500 real data through PostgreSQL and DuckDB', () => {
  const connectors: Connector[] = [];
  let cleanup: (() => Promise<void>) | undefined;

  afterAll(async () => {
    for (const connector of connectors) await connector.close();
    await cleanup?.();
  });

  it.skipIf(csvPath === undefined)('gives identical answers to five aggregate queries', { timeout: 300_000 }, async (context) => {
    const availability = await probeService('postgres');
    if (!availability.available) return context.skip(availability.reason);
    const database = `swy_sp500_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client(administration);
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    cleanup = async () => {
      const dropper = new pg.Client(administration);
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await dropper.end();
    };
    const loader = new pg.Client({ ...administration, database });
    await loader.connect();
    const loaded = await loadIntoPostgres(loader, csvPath!).finally(() => loader.end());
    expect(loaded).toBe(619_040);

    const postgres = createConnector({ name: 'sp500_pg', kind: 'postgres', description: 'S&P 500 in PostgreSQL', connection: { ...administration, database } });
    const duckdb = createConnector({ name: 'sp500_duckdb', kind: 'duckdb', description: 'S&P 500 CSV in DuckDB', connection: { views: { stocks: csvPath! } } });
    connectors.push(postgres, duckdb);
    const limits = { maxRows: 100, timeoutMs: 120_000 };
    for (const sql of aggregateQueries) {
      const [fromPostgres, fromDuckDb] = await Promise.all([postgres.execute(sql, limits), duckdb.execute(sql, limits)]);
      expect(fromDuckDb.rows, sql).toEqual(fromPostgres.rows);
      expect(fromPostgres.rows.length, sql).toBeGreaterThan(0);
    }
    const [counts] = (await postgres.execute(aggregateQueries[0]!, limits)).rows;
    expect(counts?.[0]).toBe(619_040);
  });
});
